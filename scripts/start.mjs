// `npm start`: builds the web app when its sources are newer than the build, then runs the server (API + web)
// through tsx. Everything else (migrations, demo data, printing the URL and logins) happens in the server.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const web = join(root, 'packages/web');
const built = join(web, 'dist/index.html');

function newest(path) {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(s.mtimeMs, ...readdirSync(path).map((f) => newest(join(path, f))));
}
const sources = [join(web, 'src'), join(web, 'index.html'), join(web, 'vite.config.ts'), join(root, 'packages/contracts/src')];
if (!existsSync(built) || sources.some((p) => existsSync(p) && newest(p) > statSync(built).mtimeMs)) {
  console.log('正在构建 Web 界面 / building the web app…');
  const r = spawnSync('npm', ['run', 'build', '-w', '@kaifaqu/web', '--silent'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const { register } = await import('tsx/esm/api');
register();
await import('../packages/server/src/main.ts');
