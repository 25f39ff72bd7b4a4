export * from './applications.ts';
export * from './calendar.ts';
export * from './services.ts';
