import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FUZZ_RUNS, hostileString, typedOutcome } from '../../shared/fuzz-testing.ts';
import { IndustryTable } from '../industry.ts';
import { makeUscc } from '../uscc.ts';
import { excelSerialToIso, parseBool, parseDate, parseNumber, plainCell, splitList } from './cells.ts';
import { IMPORT_FIELDS } from './fields.ts';
import { detectHeader, matchHeader, normaliseHeader } from './mapping.ts';
import { RowValidator } from './validate.ts';

const industries = new IndustryTable([
  { code: 'C', name: '制造业', level: '门类', parent: null, section: 'C' },
  { code: '36', name: '汽车制造业', level: '大类', parent: 'C', section: 'C' },
  { code: '361', name: '汽车整车制造', level: '中类', parent: '36', section: 'C' },
  { code: '3612', name: '新能源车整车制造', level: '小类', parent: '361', section: 'C' },
]);
const ctx = { industries, country: (s: string) => ({ 日本: 'JP', JP: 'JP', 香港: 'HK' })[s], platforms: ['一园', '二园'] };

// exceljs hands over ordinary objects
const plain = { noNullPrototype: true } as const;

/** What readers hand over: exceljs values (numbers, strings, booleans, dates incl. invalid ones, rich text,
 * hyperlinks, formulas with and without cached results, error cells) and CSV strings. */
const cell: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileString(60) },
  { weight: 2, arbitrary: fc.oneof(fc.double(), fc.integer(), fc.constantFrom(45292, -1, 2_958_466, 1e21, Number.NaN)) },
  fc.boolean(),
  fc.constant(null),
  fc.date(),
  fc.constant(new Date(Number.NaN)),
  fc.constantFrom('#REF!', '#DIV/0!', '是', '否', '2023', '2023-02-30', '2023年1月1日', '3612', '３６１２', '日本', '一园'),
  fc.constant(makeUscc({ authority: '9', orgType: '1', division: '440112', orgCode8: '10000001' })),
  fc.record({ richText: fc.array(fc.record({ text: fc.string() }, plain), { maxLength: 3 }) }, plain),
  fc.record({ text: fc.string(), hyperlink: fc.webUrl() }, plain),
  fc.record(
    { formula: fc.string(), result: fc.option(fc.oneof(fc.double(), fc.string(), fc.record({ error: fc.constant('#N/A') }, plain))) },
    plain,
  ),
  fc.record({ sharedFormula: fc.constant('A1'), result: fc.option(fc.integer()) }, plain),
  fc.record({ error: fc.constantFrom('#REF!', '#VALUE!') }, plain),
);
const headerCell = fc.oneof(
  fc.constantFrom(...IMPORT_FIELDS.flatMap((f) => [f.header, f.headerEn])),
  fc.constantFrom('营业收入（万元）', '工业总产值(亿元)', '基本信息', '2023年经营数据', '', '备注'),
  cell,
);
const sheet = fc
  .tuple(
    fc.array(fc.array(headerCell, { maxLength: 30 }), { minLength: 0, maxLength: 3 }),
    fc.array(fc.array(cell, { maxLength: 30 }), { maxLength: 12 }),
  )
  .map(([head, body]) => [...head, ...body]);

describe('import row parsing under hostile input (fast-check)', () => {
  it('cell helpers never throw, whatever the reader delivers', () => {
    fc.assert(
      fc.property(cell, (v) => {
        const r = plainCell(v);
        if ('value' in r) {
          parseDate(r.value);
          parseNumber(r.value);
          parseBool(r.value);
          if (typeof r.value === 'string') splitList(r.value);
        } else expect(r.errorEn).toBeTypeOf('string');
        if (typeof v === 'number') excelSerialToIso(v);
        normaliseHeader(v);
        matchHeader(normaliseHeader(v));
      }),
      { numRuns: FUZZ_RUNS * 2 },
    );
  });

  it('header detection and row validation only report issues (row, column, bilingual reason), never throw', () => {
    let rows = 0;
    let issues = 0;
    fc.assert(
      fc.property(sheet, (s) => {
        typedOutcome(() => {
          const mapping = detectHeader(s.slice(0, 10));
          const v = new RowValidator(mapping, ctx, 50);
          const start = Math.max(...mapping.headerRows);
          s.slice(start).forEach((r, i) => {
            v.push(start + i + 1, r);
          });
          rows += v.rows;
          issues += v.issues.length;
          expect(v.valid + v.invalid).toBe(v.rows);
          for (const i of v.issues) {
            expect(i.row).toBeGreaterThan(0);
            expect(i.message).toBeTypeOf('string');
            expect(i.code).toBeTypeOf('string');
          }
        });
      }),
      { numRuns: FUZZ_RUNS },
    );
    expect(rows).toBeGreaterThan(0);
    expect(issues).toBeGreaterThan(0);
  });

  it('a full template header with hostile data rows never throws', () => {
    const header = IMPORT_FIELDS.map((f) => f.header);
    const mapping = detectHeader([header]);
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: header.length, maxLength: header.length }), { maxLength: 8 }), (body) => {
        const v = new RowValidator(mapping, ctx);
        typedOutcome(() => {
          for (const [i, r] of body.entries()) v.push(i + 2, r);
        });
        expect(v.valid + v.invalid).toBe(v.rows);
      }),
      { numRuns: FUZZ_RUNS },
    );
  });
});
