export * from './password.ts';
export * from './repo.ts';
export * from './scope.ts';
