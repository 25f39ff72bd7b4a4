import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FUZZ_RUNS, hostileString, hostileValue, typedOutcome } from '../shared/fuzz-testing.ts';
import { ValidationError } from '../shared/index.ts';
import { loadInput, parseIData, parseIMeta } from './parse.ts';
import { runPipeline } from './pipeline.ts';
import { getPreset, presetNames } from './presets.ts';
import { parsePipeline, parsePipelineJson, parseUncertaintyJson } from './spec.ts';

const dir = new URL('./data/coinr-asem/', import.meta.url);
const asemData = readFileSync(new URL('ASEM_iData.csv', dir), 'utf8');
const asemMeta = readFileSync(new URL('ASEM_iMeta.csv', dir), 'utf8');
const { meta, data } = loadInput(asemData, 'iData.csv', asemMeta, 'iMeta.csv');

/** A CSV text damaged the ways hand-edited files are: lines dropped or repeated, cells replaced, swapped or emptied, quotes, truncation. */
function damaged(text: string) {
  const lines = text.split('\n');
  const op = fc.oneof(
    fc.record({ k: fc.constant('drop' as const), line: fc.nat() }),
    fc.record({ k: fc.constant('dup' as const), line: fc.nat() }),
    fc.record({ k: fc.constant('cell' as const), line: fc.nat(), col: fc.nat(60), v: hostileString(30) }),
    fc.record({
      k: fc.constant('value' as const),
      line: fc.nat(),
      col: fc.nat(60),
      v: fc.constantFrom('', 'NA', '-1', '0', '1e309', 'NaN', 'Inf', '"', 'Indicator', 'Aggregate', '99', '-', 'GDP'),
    }),
    fc.record({ k: fc.constant('truncate' as const), at: fc.nat() }),
  );
  return fc.array(op, { minLength: 1, maxLength: 6 }).map((ops) => {
    let ls = [...lines];
    for (const o of ops) {
      if (o.k === 'truncate') {
        const joined = ls.join('\n');
        ls = joined.slice(0, o.at % (joined.length + 1)).split('\n');
        continue;
      }
      const i = o.line % Math.max(ls.length, 1);
      if (o.k === 'drop') ls.splice(i, 1);
      else if (o.k === 'dup') ls.splice(i, 0, ls[i] ?? '');
      else {
        const cells = (ls[i] ?? '').split(',');
        cells[o.col % Math.max(cells.length, 1)] = o.v;
        ls[i] = cells.join(',');
      }
    }
    return ls.join('\n');
  });
}

describe('evaluation iData/iMeta parsing under hostile input (fast-check)', () => {
  it('random text as iMeta or iData: a result or a ValidationError, never anything else', () => {
    fc.assert(
      fc.property(hostileString(400), (s) => {
        typedOutcome(() => parseIMeta(s));
        typedOutcome(() => parseIData(s, 'iData.csv', meta));
      }),
      { numRuns: FUZZ_RUNS },
    );
  });

  it('damaged copies of a real framework and data set: every failure is a ValidationError with a file and a bilingual reason', () => {
    const counts = { ok: 0, typed: 0 };
    fc.assert(
      fc.property(damaged(asemMeta), damaged(asemData), (m, d) => {
        try {
          loadInput(d, 'iData.csv', m, 'iMeta.csv');
          counts.ok++;
        } catch (err) {
          if (!(err instanceof ValidationError)) throw err;
          counts.typed++;
          expect(err.issues.length).toBeGreaterThan(0);
          for (const i of err.issues) {
            expect(i.message).toBeTypeOf('string');
            expect(i.messageEn).toBeTypeOf('string');
          }
        }
      }),
      { numRuns: FUZZ_RUNS },
    );
    expect(counts.typed).toBeGreaterThan(0);
  });
});

describe('pipeline spec validation under hostile input (fast-check)', () => {
  const presets = presetNames.map((n) => getPreset(n).pipeline as unknown as Record<string, unknown>);
  const keys = ['denominate', 'impute', 'screen', 'treat', 'normalise', 'weights', 'aggregate', 'rankWithin', 'name'];
  /** A preset with some steps replaced by hostile values or other presets' steps. */
  const mutatedSpec = fc
    .tuple(
      fc.constantFrom(...presets),
      fc.array(fc.tuple(fc.constantFrom(...keys), fc.oneof(hostileValue(), fc.constantFrom(...presets.flatMap((p) => Object.values(p))))), {
        maxLength: 4,
      }),
    )
    .map(([base, edits]) => ({ ...base, ...Object.fromEntries(edits) }));

  it('parsePipeline / parsePipelineJson / parseUncertaintyJson: a spec or a ValidationError', () => {
    fc.assert(
      fc.property(fc.oneof(hostileValue(), mutatedSpec), hostileString(200), (v, text) => {
        typedOutcome(() => parsePipeline(v));
        typedOutcome(() => parsePipelineJson(text));
        typedOutcome(() => parsePipelineJson(JSON.stringify(v) ?? 'null'));
        typedOutcome(() => parseUncertaintyJson(text));
        typedOutcome(() => parseUncertaintyJson(JSON.stringify(v) ?? 'null'));
      }),
      { numRuns: FUZZ_RUNS },
    );
  });

  it('a spec that passes validation runs on real data without an untyped error', () => {
    const ok = { ran: 0 };
    fc.assert(
      fc.property(mutatedSpec, (v) => {
        let spec: ReturnType<typeof parsePipeline>;
        try {
          spec = parsePipeline(v);
        } catch (err) {
          if (err instanceof ValidationError) return;
          throw err;
        }
        if (typedOutcome(() => runPipeline(data, meta, spec)) === 'ok') ok.ran++;
      }),
      { numRuns: Math.min(FUZZ_RUNS, 120) },
    );
    expect(ok.ran).toBeGreaterThan(0);
  });
});
