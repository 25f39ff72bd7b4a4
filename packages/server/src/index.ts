export { buildApp, MAX_UPLOAD_BYTES } from './app.ts';
export { type Config, loadConfig, testConfig } from './config.ts';
export { startServer } from './start.ts';
