export * from './repo.ts';
