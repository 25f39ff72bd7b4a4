// Helpers for the property-based (fast-check) hostile-input tests. Test-only; not exported from the package index.
import fc from 'fast-check';
import { DomainError } from './errors.ts';

/** Runs per property: enough to find shape bugs, small enough to keep the suite fast. */
export const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 300);

/** Calls `fn`; it may return anything or throw a typed DomainError. Anything else (TypeError, RangeError, …) is a bug. */
export function typedOutcome(fn: () => unknown): 'ok' | 'typed' {
  try {
    fn();
    return 'ok';
  } catch (err) {
    if (err instanceof DomainError) return 'typed';
    throw new Error(`untyped error: ${(err as Error)?.name}: ${(err as Error)?.message}`, { cause: err });
  }
}

/** Any value a JSON body or a spreadsheet cell can carry, plus the awkward ones (NaN, -0, huge numbers, prototype keys). */
export const hostileValue = (): fc.Arbitrary<unknown> =>
  fc.oneof(
    fc.anything({ maxDepth: 3, withNullPrototype: false, withBigInt: false, withObjectString: true }),
    fc.constantFrom(null, undefined, Number.NaN, Number.POSITIVE_INFINITY, -0, 1e308, '', ' ', '\u0000', '__proto__'),
    fc.string({ unit: 'binary', maxLength: 200 }),
  );

/** Strings that break naive parsers: full-width, control and surrogate characters, quotes, separators, very long runs. */
export const hostileString = (max = 200): fc.Arbitrary<string> =>
  fc.oneof(
    fc.string({ unit: 'binary', maxLength: max }),
    fc.string({ unit: 'grapheme', maxLength: max }),
    fc.stringMatching(/^[0-9A-Z\uFF10-\uFF19\uFF21-\uFF3A \t\r\n,;"'-]{0,40}$/),
    fc.constantFrom('', ' ', '"', '""', '\uFEFF', '\uD800', '=1+1', '@SUM(A1)', 'x'.repeat(100_000)),
  );

/** Counts how each call ended (for reports): `ok` returned, `typed` threw a DomainError. */
export function tally() {
  const counts = { ok: 0, typed: 0 };
  return {
    counts,
    run(fn: () => unknown) {
      counts[typedOutcome(fn)]++;
    },
  };
}
