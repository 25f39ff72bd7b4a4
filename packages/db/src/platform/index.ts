export * from './members.ts';
export * from './password.ts';
export * from './repo.ts';
export * from './scope.ts';
