import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FUZZ_RUNS, hostileString, hostileValue, typedOutcome } from '../shared/fuzz-testing.ts';
import { MAX_TEXT_LENGTH, validateItem, validateQueryText } from './validate.ts';

const item = fc.oneof(
  hostileValue(),
  fc.record(
    {
      id: fc.oneof(fc.string(), hostileValue()),
      kind: fc.oneof(fc.constantFrom('need', 'capability'), hostileValue()),
      title: fc.oneof(hostileString(), hostileValue()),
      description: fc.oneof(hostileString(), fc.constant('x'.repeat(MAX_TEXT_LENGTH + 1)), hostileValue()),
      tags: fc.oneof(fc.array(fc.string()), fc.array(hostileValue(), { maxLength: 3 }), hostileValue()),
      industry: fc.oneof(fc.constantFrom('C', '36', '3612', 'ZZ', '12345'), hostileValue()),
    },
    { requiredKeys: [], noNullPrototype: true },
  ),
);

describe('scenario input validation under hostile input (fast-check)', () => {
  it('validateQueryText returns trimmed text or throws a ValidationError', () => {
    fc.assert(
      fc.property(fc.oneof(hostileString(), hostileValue()), (t) => {
        if (typedOutcome(() => validateQueryText(t)) === 'ok') expect(validateQueryText(t)).toBe((t as string).trim());
      }),
      { numRuns: FUZZ_RUNS },
    );
  });

  it('validateItem returns a well-formed item or throws a ValidationError', () => {
    fc.assert(
      fc.property(item, (it) => {
        if (typedOutcome(() => validateItem(it, ['items', 0])) !== 'ok') return;
        const v = validateItem(it);
        expect(v.kind === 'need' || v.kind === 'capability').toBe(true);
        expect(Array.isArray(v.tags)).toBe(true);
      }),
      { numRuns: FUZZ_RUNS },
    );
  });
});
