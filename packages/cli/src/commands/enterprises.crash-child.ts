// Child process for the crash-safety test: imports a file into a zone, announcing when half of it has been read
// (an all-or-nothing import writes its first batches meanwhile, in its open transaction).
import { createDatabase } from '@kaifaqu/db';
import { importEnterprises } from './enterprises.ts';

const [target, file] = process.argv.slice(2);
const database = await createDatabase(target.startsWith('postgres') ? { url: target, poolSize: 2 } : { dataDir: target });
let announced = false;
await importEnterprises(database, file, {
  zone: 'crash',
  onProgress: (n, total) => {
    if (!announced && total && n >= total / 2) {
      announced = true;
      process.stdout.write('HALF\n');
    }
  },
});
process.stdout.write('COMMITTED\n');
await database.close();
