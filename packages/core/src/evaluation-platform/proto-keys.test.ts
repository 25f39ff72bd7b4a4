import { it } from 'vitest';
import { typedOutcome } from '../shared/fuzz-testing.ts';
import { presetFramework, validateFramework } from './index.ts';

// Found by the fuzz test (a seed in CI): codes are user input, and a parent named "constructor" reached
// Object.prototype through a plain-object lookup table (TypeError instead of a ValidationError).
it('a framework whose codes or parents are Object.prototype names is refused with a typed error, never a TypeError', () => {
  const { rows } = presetFramework('mofcom-2021');
  for (const k of ['constructor', 'toString', '__proto__']) {
    for (let i = 0; i < rows.length; i++) {
      typedOutcome(() => validateFramework(rows.map((r, j) => (j === i ? { ...r, parent: k } : r))));
      typedOutcome(() => validateFramework(rows.map((r, j) => (j === i ? { ...r, iCode: k } : r))));
    }
  }
});
