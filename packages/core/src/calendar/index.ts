export * from './calculator.ts';
export * from './chinese-days.ts';
export * from './dates.ts';
export * from './deadline.ts';
export * from './default.ts';
export * from './holiday-calendar.ts';
export * from './overrides.ts';
