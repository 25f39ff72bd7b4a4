import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FUZZ_RUNS, hostileValue, typedOutcome } from '../shared/fuzz-testing.ts';
import { assessAll } from './engine.ts';
import { parseRuleSet } from './parse.ts';
import { parseProfile, profileFieldLabels, validateProfile } from './profile.ts';
import { miit2022 } from './rulesets/index.ts';
import miit2022Json from './rulesets/miit-2022.json' with { type: 'json' };
import { sampleProfile } from './testing.ts';

const fields = Object.keys(profileFieldLabels);
/** Plausible-looking but wrong values: negative money, shares over 100 %, NaN, arrays of the wrong length, strings for numbers. */
const nasty = fc.oneof(
  hostileValue(),
  fc.constantFrom(-1, 0, 101, 1e12, Number.NaN, [], [null], [1, -2, 3], [1, 2, 3, 4, 5], ['1', '2', '3'], { class1: -1 }, 'municipal'),
  fc.array(fc.oneof(fc.double(), fc.constant(null)), { maxLength: 4 }),
);
const profile = fc.oneof(
  hostileValue(),
  fc.array(fc.tuple(fc.constantFrom(...fields, 'custom', '__proto__', 'constructor'), nasty), { maxLength: 5 }).map((edits) => {
    const p: Record<string, unknown> = { ...sampleProfile() };
    for (const [k, v] of edits) Object.defineProperty(p, k, { value: v, enumerable: true, configurable: true, writable: true });
    return p;
  }),
);

/** Sets `value` at a random path inside a JSON document (a copy). */
function mutateAt(doc: unknown, path: number[], value: unknown): unknown {
  if (!path.length || doc === null || typeof doc !== 'object') return value;
  const keys = Object.keys(doc);
  if (!keys.length) return value;
  const k = keys[path[0] % keys.length];
  const copy: Record<string, unknown> = Array.isArray(doc) ? ([...doc] as never) : { ...(doc as Record<string, unknown>) };
  copy[k] = mutateAt((doc as Record<string, unknown>)[k], path.slice(1), value);
  return copy;
}

describe('cultivation profiles and rule sets under hostile input (fast-check)', () => {
  it('validateProfile never throws; parseProfile throws only ValidationError; a valid profile is assessed without error', () => {
    let valid = 0;
    fc.assert(
      fc.property(profile, (p) => {
        const r = validateProfile(p);
        if (!r.ok) {
          for (const i of r.issues) expect(i.messageEn).toBeTypeOf('string');
          expect(typedOutcome(() => parseProfile(p))).toBe('typed');
          return;
        }
        valid++;
        typedOutcome(() => assessAll(r.profile, miit2022));
      }),
      { numRuns: FUZZ_RUNS },
    );
    expect(valid).toBeGreaterThan(0);
  });

  it('a rule set with a hostile value anywhere is either accepted or refused with a ValidationError', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(40), { minLength: 1, maxLength: 8 }), hostileValue(), (path, v) => {
        typedOutcome(() => parseRuleSet(mutateAt(miit2022Json, path, v)));
      }),
      { numRuns: FUZZ_RUNS },
    );
  });
});
