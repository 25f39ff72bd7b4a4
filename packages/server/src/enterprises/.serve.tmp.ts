import { createDatabase, seedDemo } from '@kaifaqu/db';
import { buildApp, testConfig } from '@kaifaqu/server';

const database = await createDatabase({ dataDir: '/tmp/kfq-ent-small' });
await database.migrate();
const r = await database.query<{ n: string }>('select count(*) as n from zones');
if (Number(r[0].n) === 0) await seedDemo(database, { seed: 42, small: process.env.FULL ? false : true });
const app = await buildApp({ database, config: testConfig({ webDist: '/tmp/kfq-ent-dist', logLevel: 'warn' }) });
await app.listen({ port: 3057, host: '127.0.0.1' });
console.log('listening 3057');
