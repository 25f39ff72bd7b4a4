export { type Analysis, analyseFile, summarise, validationContext } from './pipeline.ts';
export { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, quickRowCount, readSheet, sniffFormat } from './reader.ts';
export { warmReaderThread } from './reader-thread.ts';
export { enterpriseRoutes } from './routes.ts';
export { commitAnalysis, importFile } from './service.ts';
export { writeErrorReport, writeExport, writeTemplate } from './xlsx.ts';
