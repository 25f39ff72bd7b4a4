// Child process for the publication crash-safety test: publishes run <runId>. Mode "inside" stops inside the
// publication transaction, after every write and before COMMIT, and announces it; "run" just publishes.
import { createDatabase, type Db } from '@kaifaqu/db';
import { publish } from './service.ts';

const [target, runId, mode] = process.argv.slice(2);
const database = await createDatabase(target.startsWith('postgres') ? { url: target, poolSize: 2 } : { dataDir: target });
if (mode === 'inside') {
  const original = database.db.transaction.bind(database.db);
  database.db.transaction = (async (fn: (tx: Db) => Promise<unknown>, config?: unknown) =>
    original(async (tx) => {
      const r = await fn(tx as unknown as Db);
      process.stdout.write('INSIDE\n');
      await new Promise(() => {}); // wait for SIGKILL with the transaction open
      return r;
    }, config as never)) as typeof database.db.transaction;
}
process.stdout.write('STARTED\n');
await publish(database, { id: null, name: 'crash-test' }, Number(runId), '127.0.0.1');
process.stdout.write('PUBLISHED\n');
await database.close();
