import { startServer } from './start.ts';

try {
  await startServer();
} catch (err) {
  process.stderr.write(`启动失败 / failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
}
