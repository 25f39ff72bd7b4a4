// Child process for the crash-safety test: imports a file into a zone, announcing when analysis is done.
import { createDatabase } from '@kaifaqu/db';
import { importEnterprises } from './enterprises.ts';

const [target, file] = process.argv.slice(2);
const database = await createDatabase(target.startsWith('postgres') ? { url: target, poolSize: 2 } : { dataDir: target });
let announced = false;
await importEnterprises(database, file, {
  zone: 'crash',
  onProgress: (n, total) => {
    if (!announced && total && n >= total) {
      announced = true;
      process.stdout.write('ANALYSED\n');
    }
  },
});
process.stdout.write('COMMITTED\n');
await database.close();
