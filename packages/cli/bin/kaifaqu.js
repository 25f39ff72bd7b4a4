#!/usr/bin/env node
// The CLI runs its TypeScript sources directly through tsx, so `npx kaifaqu` works right after `npm install` with no build step.
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');
