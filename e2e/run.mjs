// Starts a real server on a free port over a fresh database (PGlite in a temp dir, or DATABASE_URL),
// runs the Playwright smoke test against it, and stops the server. Exit code = the smoke test's.
// With BASE_URL set, tests that server instead and starts nothing.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
if (process.env.BASE_URL) {
  const r = spawnSync(process.execPath, [join(root, 'e2e/smoke.mjs')], { cwd: root, stdio: 'inherit' });
  process.exit(r.status ?? 1);
}
const port = await new Promise((res) => {
  const s = createServer().listen(0, '127.0.0.1', () => {
    const p = s.address().port;
    s.close(() => res(p));
  });
});
const dataDir = mkdtempSync(join(tmpdir(), 'kfq-e2e-'));
const env = { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir };
const server = spawn(process.execPath, [join(root, 'scripts/start.mjs')], { cwd: root, env, stdio: ['ignore', 'pipe', 'inherit'] });
let log = '';
server.stdout.on('data', (d) => {
  log += d;
});
const base = `http://127.0.0.1:${port}`;
const deadline = Date.now() + 240_000;
let up = false;
while (Date.now() < deadline && server.exitCode === null) {
  try {
    if ((await fetch(`${base}/api/health`)).ok) {
      up = true;
      break;
    }
  } catch {}
  await new Promise((r) => setTimeout(r, 500));
}
let code = 1;
if (!up) {
  console.error(`server did not come up:\n${log}`);
} else {
  const r = spawnSync(process.execPath, [join(root, 'e2e/smoke.mjs')], { cwd: root, env: { ...env, BASE_URL: base }, stdio: 'inherit' });
  code = r.status ?? 1;
}
server.kill('SIGTERM');
await new Promise((r) => setTimeout(r, 500));
rmSync(dataDir, { recursive: true, force: true });
process.exit(code);
