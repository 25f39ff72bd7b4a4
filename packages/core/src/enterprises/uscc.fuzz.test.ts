import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FUZZ_RUNS, hostileString, hostileValue, typedOutcome } from '../shared/fuzz-testing.ts';
import { computeUsccCheck, makeUscc, normaliseUscc, USCC_ALPHABET, USCC_AUTHORITIES, validateUscc } from './uscc.ts';

const usccChar = fc.constantFrom(...USCC_ALPHABET.split(''));
const first17 = fc.array(usccChar, { minLength: 17, maxLength: 17 }).map((a) => a.join(''));

describe('USCC validator under hostile input (fast-check)', () => {
  it('never throws on any string or non-string cell value, and always gives a bilingual reason when invalid', () => {
    fc.assert(
      fc.property(fc.oneof(hostileString(), hostileValue()), (s) => {
        const r = validateUscc(s as string);
        if (!r.valid) {
          expect(r.reason).toBeTypeOf('string');
          expect(r.message).toBeTypeOf('string');
          expect(r.messageEn).toBeTypeOf('string');
        }
      }),
      { numRuns: FUZZ_RUNS * 2 },
    );
  });

  it('accepts a code only when its check character is right; one changed character is always caught', () => {
    fc.assert(
      fc.property(first17, fc.nat(17), usccChar, (body, pos, ch) => {
        const code = body + computeUsccCheck(body);
        const mutated = code.slice(0, pos) + ch + code.slice(pos + 1);
        if (mutated !== code) expect(validateUscc(mutated).valid).toBe(false);
      }),
      { numRuns: FUZZ_RUNS },
    );
  });

  it('normalisation is idempotent and validation ignores full-width forms and case', () => {
    fc.assert(
      fc.property(hostileString(40), (s) => {
        expect(normaliseUscc(normaliseUscc(s))).toBe(normaliseUscc(s));
        const wide = s.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
        expect(validateUscc(wide).valid).toBe(validateUscc(s).valid);
      }),
      { numRuns: FUZZ_RUNS },
    );
  });

  it('makeUscc either builds a valid code or throws a typed ValidationError (prototype keys included)', () => {
    const part = fc.oneof(
      hostileString(12),
      fc.constantFrom('constructor', '__proto__', 'toString', 'hasOwnProperty', ...Object.keys(USCC_AUTHORITIES)),
    );
    fc.assert(
      fc.property(part, part, fc.oneof(part, fc.constant('440112')), fc.oneof(part, fc.constant('12345678')), (a, t, d, o) => {
        if (typedOutcome(() => makeUscc({ authority: a, orgType: t, division: d, orgCode8: o })) === 'ok')
          expect(validateUscc(makeUscc({ authority: a, orgType: t, division: d, orgCode8: o })).valid).toBe(true);
      }),
      { numRuns: FUZZ_RUNS },
    );
    expect(typedOutcome(() => makeUscc({ authority: 'constructor', orgType: 'x', division: '440112', orgCode8: '12345678' }))).toBe(
      'typed',
    );
  });

  it('computeUsccCheck throws only typed errors on bad input', () => {
    fc.assert(
      fc.property(hostileString(30), (s) => {
        typedOutcome(() => computeUsccCheck(s));
      }),
      { numRuns: FUZZ_RUNS },
    );
  });
});
