import fc from 'fast-check';
import { describe, it } from 'vitest';
import { FUZZ_RUNS, hostileValue, typedOutcome } from '../shared/fuzz-testing.ts';
import { checkValues, type FrameworkRowData, presetFramework, validateFramework } from './index.ts';

const { rows: preset } = presetFramework('mofcom-2021');
const codes = preset.map((r) => r.iCode);
const row: fc.Arbitrary<FrameworkRowData> = fc.record(
  {
    iCode: fc.oneof(fc.constantFrom(...codes, '', 'constructor', '__proto__'), fc.string({ maxLength: 8 })),
    iName: fc.string({ maxLength: 10 }),
    type: fc.constantFrom('Indicator', 'Aggregate', 'Group', 'Denominator', 'Bogus') as fc.Arbitrary<FrameworkRowData['type']>,
    level: fc.oneof(fc.integer({ min: -2, max: 6 }), fc.constant(Number.NaN)),
    parent: fc.oneof(fc.constantFrom(...codes, '', 'constructor'), fc.string({ maxLength: 8 })),
    direction: fc.constantFrom(1, -1, 0) as fc.Arbitrary<1 | -1>,
    weight: fc.oneof(fc.double(), fc.constant(0)),
    min: fc.double(),
    max: fc.double(),
  },
  { requiredKeys: ['iCode', 'iName', 'type'], noNullPrototype: true },
);
/** The preset with some rows replaced, dropped or added. */
const framework = fc
  .tuple(fc.array(fc.tuple(fc.nat(), row), { maxLength: 5 }), fc.array(fc.nat(), { maxLength: 3 }), fc.array(row, { maxLength: 3 }))
  .map(([swaps, drops, extra]) => {
    const rs = [...preset];
    for (const [i, r] of swaps) rs[i % rs.length] = r;
    for (const d of drops) rs.splice(d % Math.max(rs.length, 1), 1);
    return [...rs, ...extra];
  });

describe('evaluation framework and submitted values under hostile input (fast-check)', () => {
  it('validateFramework returns a framework or throws a ValidationError', () => {
    fc.assert(
      fc.property(framework, (rs) => {
        typedOutcome(() => validateFramework(rs));
      }),
      { numRuns: FUZZ_RUNS },
    );
  });

  it('checkValues reports problems and never throws, whatever a zone submits', () => {
    const values = fc.dictionary(fc.oneof(fc.constantFrom(...codes), fc.string({ maxLength: 6 })), hostileValue(), { maxKeys: 8 });
    const last = fc.option(fc.dictionary(fc.constantFrom(...codes), fc.option(fc.double()), { maxKeys: 8 }), { nil: undefined });
    fc.assert(
      fc.property(framework, values, last, fc.double(), (rs, v, l, jump) => {
        typedOutcome(() => checkValues(rs, v, l, jump));
      }),
      { numRuns: FUZZ_RUNS },
    );
  });
});
