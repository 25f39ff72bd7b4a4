// `npm run test:e2e`: runs every e2e script against BASE_URL (default http://127.0.0.1:3000, i.e. `npm start`).
// To test a fresh private server on the current sources instead: sh e2e/serve-own.sh 3200 && BASE_URL=http://127.0.0.1:3200 npm run test:e2e
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const base = process.env.BASE_URL || 'http://127.0.0.1:3000';
try {
  const res = await fetch(`${base}/api/health`);
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
} catch (e) {
  console.error(`no server at ${base} (${e instanceof Error ? e.message : e}); start it with \`npm start\` or set BASE_URL`);
  process.exit(1);
}
let failed = false;
for (const script of ['smoke.mjs']) {
  const r = spawnSync(process.execPath, [fileURLToPath(new URL(script, import.meta.url))], {
    stdio: 'inherit',
    env: { ...process.env, BASE_URL: base },
  });
  failed ||= r.status !== 0;
}
process.exit(failed ? 1 : 0);
