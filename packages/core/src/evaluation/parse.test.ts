import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../shared/index.ts';
import { formatIssue } from './csv.ts';
import { loadInput, parseIData, parseIMeta } from './parse.ts';

const dir = new URL('./data/coinr-asem/', import.meta.url);
const asemData = readFileSync(new URL('ASEM_iData.csv', dir), 'utf8');
const asemMeta = readFileSync(new URL('ASEM_iMeta.csv', dir), 'utf8');

function issuesOf(fn: () => unknown) {
  try {
    fn();
  } catch (e) {
    if (e instanceof ValidationError) return e.issues;
    throw e;
  }
  throw new Error('expected a ValidationError');
}

const META_HEAD = 'iCode,iName,Type,Level,Parent,Direction,Weight,Denominator';

describe('parse iData/iMeta', () => {
  it('loads the ASEM example unchanged (51 units, 49 indicators, 4 levels, 64 missing)', () => {
    const { data, meta } = loadInput(asemData, 'ASEM_iData.csv', asemMeta, 'ASEM_iMeta.csv');
    expect(data.units).toHaveLength(51);
    expect(meta.indicators).toHaveLength(49);
    expect(meta.aggregateLevels.map((l) => l.length)).toEqual([8, 2, 1]);
    expect(meta.groups).toEqual(['GDP_group', 'GDPpc_group', 'Pop_group', 'EurAsia_group']);
    expect(meta.byCode.Flights.denominator).toBe('Population');
    const missing = meta.indicators.reduce((s, c) => s + data.values[c].filter(Number.isNaN).length, 0);
    expect(missing).toBe(63); // the 64th missing cell is LAO's Energy denominator
  });

  it('accepts a BOM, NA and empty cells as missing', () => {
    const meta = parseIMeta(`\uFEFF${META_HEAD}\nA,A,Indicator,1,Index,1,1,\nIndex,Index,Aggregate,2,,1,1,\n`, 'm.csv');
    const data = parseIData('uCode,uName,A\nX,X,NA\nY,Y,\nZ,Z,3\n', 'd.csv', meta);
    expect(Array.from(data.values.A)).toEqual([Number.NaN, Number.NaN, 3]);
  });

  it('reports every metadata problem with file, row and column', () => {
    const text = [
      META_HEAD,
      'A,A,Indicator,1,P1,1,abc,', // line 2: Weight not a number
      'B,B,Indicator,1,Nope,2,1,', // line 3: Direction not ±1, unknown Parent
      'A,A again,Indicator,1,P1,1,1,', // line 4: duplicate
      'C,C,Indicator,1,P1,1,1,Pop', // line 5: denominator not defined
      'P1,P1,Aggregate,2,P2,1,1,',
      'P2,P2,Aggregate,3,P1,1,1,', // cycle P1 → P2 → P1
    ].join('\n');
    const issues = issuesOf(() => parseIMeta(text, 'iMeta.csv'));
    const where = issues.map((i) => `${i.row}:${i.column}`);
    expect(where).toContain('2:Weight');
    expect(where).toContain('3:Direction');
    expect(where).toContain('4:iCode');
    expect(where).toContain('5:Denominator');
    expect(where).toContain('3:Parent'); // unknown Parent, found although the row's Direction is also wrong
    expect(issues.some((i) => i.column === 'Parent' && /cycle/.test(i.messageEn ?? ''))).toBe(true);
    expect(issues.every((i) => i.file === 'iMeta.csv')).toBe(true);
    expect(formatIssue(issues[0])).toMatch(/^iMeta\.csv:2:Weight: /);
  });

  it('reports unknown Parent', () => {
    const issues = issuesOf(() => parseIMeta(`${META_HEAD}\nA,A,Indicator,1,Nope,1,1,\nIndex,I,Aggregate,2,,1,1,\n`, 'm.csv'));
    expect(issues.find((i) => i.column === 'Parent')?.messageEn).toMatch(/unknown Parent "Nope"/);
  });

  it('reports every data problem across both files at once, and never a partial result', () => {
    const meta = `${META_HEAD}\nA,A,Indicator,1,Index,1,1,Pop\nB,B,Indicator,1,Index,1,1,\nIndex,I,Aggregate,2,,1,1,\nPop,Pop,Denominator,,,,,\n`;
    const data = 'uCode,uName,A\nX,X,1\nX,Y,oops\n';
    const issues = issuesOf(() => loadInput(data, 'iData.csv', meta, 'iMeta.csv'));
    const msgs = issues.map((i) => `${i.file}:${i.row}:${i.column}`);
    expect(msgs).toContain('iData.csv:1:B'); // indicator column missing
    expect(msgs).toContain('iData.csv:1:Pop'); // denominator missing
    expect(msgs).toContain('iData.csv:3:uCode'); // duplicate uCode
    expect(msgs).toContain('iData.csv:3:A'); // non-numeric cell
  });

  it('rejects a wrong Type, missing columns and ragged rows', () => {
    const issues = issuesOf(() => parseIMeta('iCode,iName,Type\nA,A,Thing\n', 'm.csv'));
    expect(issues.map((i) => i.column)).toEqual(expect.arrayContaining(['Level', 'Parent', 'Direction', 'Weight']));
    const ragged = issuesOf(() =>
      loadInput('uCode,A\nX,1,2\n', 'd.csv', `${META_HEAD}\nA,A,Indicator,1,I,1,1,\nI,I,Aggregate,2,,1,1,\n`, 'm.csv'),
    );
    expect(ragged[0].row).toBe(2);
  });
});
