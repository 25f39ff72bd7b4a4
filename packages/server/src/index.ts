export { buildApp, MAX_UPLOAD_BYTES } from './app.ts';
export { type Config, loadConfig, testConfig } from './config.ts';
export { clearMemo, memoLimits } from './http/memo.ts';
export { startServer } from './start.ts';
