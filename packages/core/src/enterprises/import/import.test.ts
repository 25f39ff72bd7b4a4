import { describe, expect, it } from 'vitest';
import { IndustryTable } from '../industry.ts';
import { makeUscc } from '../uscc.ts';
import { excelSerialToIso, parseDate, parseNumber, plainCell } from './cells.ts';
import { detectHeader, matchHeader } from './mapping.ts';
import { planMerge, type StoredEnterprise } from './merge.ts';
import { RowValidator } from './validate.ts';

const table = new IndustryTable([
  { code: 'A', name: '农、林、牧、渔业', level: '门类', parent: null, section: 'A' },
  { code: '01', name: '农业', level: '大类', parent: 'A', section: 'A' },
  { code: '011', name: '谷物种植', level: '中类', parent: '01', section: 'A' },
  { code: '0111', name: '稻谷种植', level: '小类', parent: '011', section: 'A' },
  { code: 'C', name: '制造业', level: '门类', parent: null, section: 'C' },
  { code: '36', name: '汽车制造业', level: '大类', parent: 'C', section: 'C' },
  { code: '361', name: '汽车整车制造', level: '中类', parent: '36', section: 'C' },
  { code: '3611', name: '汽柴油车整车制造', level: '小类', parent: '361', section: 'C' },
  { code: '3612', name: '新能源车整车制造', level: '小类', parent: '361', section: 'C' },
]);
const u = (n: number) => makeUscc({ authority: '9', orgType: '1', division: '440112', orgCode8: String(10_000_000 + n) });
const ctx = { industries: table, country: (s: string) => ({ 香港: 'HK', 日本: 'JP', HK: 'HK', JP: 'JP', DE: 'DE' })[s] };

describe('header mapping', () => {
  it('recognises template headers, synonyms and units', () => {
    expect(matchHeader('统一社会信用代码*')).toEqual({ key: 'uscc', scale: 1 });
    expect(matchHeader(' 单位名称 ')).toEqual({ key: 'name', scale: 1 });
    expect(matchHeader('营业收入（万元）')).toEqual({ key: 'revenueYuan', scale: 10_000 });
    expect(matchHeader('营业收入(元)')).toEqual({ key: 'revenueYuan', scale: 1 });
    expect(matchHeader('工业总产值（亿元）')).toEqual({ key: 'industrialOutputYuan', scale: 100_000_000 });
    expect(matchHeader('备注')).toBeUndefined();
  });

  it('finds the header below a title row and under merged group cells', () => {
    const m = detectHeader([
      ['2023年企业名录（经信局）'],
      ['基本信息', null, null, '2023年经营数据', null],
      ['信用代码', '企业名称', '行业代码', '营业收入', '从业人数'],
    ]);
    expect(m.headerRows).toEqual([2, 3]);
    expect(m.columns.map((c) => c.field)).toEqual(['uscc', 'name', 'industryCode', 'revenueYuan', 'employees']);
    expect(m.missingRequired).toEqual([]);
  });

  it('reports missing required columns and duplicate mappings; saved and user mappings win', () => {
    const m = detectHeader([['企业名称', '名称', '代码']]);
    expect(m.missingRequired).toEqual(['uscc']);
    expect(m.duplicates).toEqual([{ header: '名称', field: 'name', letter: 'B' }]);
    const saved = detectHeader([['企业名称', '名称', '代码']], { 代码: 'uscc' });
    expect(saved.missingRequired).toEqual([]);
    expect(saved.columns[2]).toMatchObject({ field: 'uscc', source: 'saved' });
    const user = detectHeader([['企业名称', '名称', '代码']], {}, { 2: 'uscc', 0: null });
    expect(user.columns.map((c) => c.field)).toEqual([null, 'name', 'uscc']);
  });
});

describe('cells', () => {
  it('turns formula cells into their cached result or an error, never throws', () => {
    expect(plainCell({ formula: 'A1*2', result: 42 })).toEqual({ value: 42 });
    expect(plainCell({ sharedFormula: 'B2', result: '是' })).toEqual({ value: '是' });
    expect(plainCell({ formula: 'A1' })).toMatchObject({ error: expect.stringContaining('公式') });
    expect(plainCell({ formula: 'A1/0', result: { error: '#DIV/0!' } })).toMatchObject({ error: expect.stringContaining('#DIV/0!') });
    expect(plainCell({ richText: [{ text: '广州' }, { text: '公司' }] })).toEqual({ value: '广州公司' });
    expect(plainCell({ text: 'x', hyperlink: 'http://a' })).toEqual({ value: 'x' });
    expect(plainCell('#N/A')).toMatchObject({ error: expect.any(String) });
  });

  it('reads dates as Excel serials, strings in several forms and Date cells', () => {
    expect(excelSerialToIso(45292)).toBe('2024-01-01');
    expect(excelSerialToIso(61)).toBe('1900-03-01');
    expect(parseDate(45292)).toBe('2024-01-01');
    expect(parseDate('45292')).toBe('2024-01-01');
    expect(parseDate('２０２０年１月５日')).toBe('2020-01-05');
    expect(parseDate('2020/1/5')).toBe('2020-01-05');
    expect(parseDate('2020.01.05 ')).toBe('2020-01-05');
    expect(parseDate(20200105)).toBe('2020-01-05');
    expect(parseDate(new Date(Date.UTC(2020, 0, 5)))).toBe('2020-01-05');
    expect(parseDate('2020-02-30')).toBeUndefined();
    expect(parseDate('明天')).toBeUndefined();
  });

  it('reads numbers with full-width digits and separators', () => {
    expect(parseNumber('１，２３４.５')).toBe(1234.5);
    expect(parseNumber(' 1,000 ')).toBe(1000);
    expect(parseNumber('12万')).toBeUndefined();
  });
});

describe('row validation', () => {
  const header = [
    [
      '统一社会信用代码',
      '企业名称',
      '行业代码',
      '成立日期',
      '是否外资企业',
      '外资来源地',
      '年份',
      '营业收入（万元）',
      '是否规上',
      '战略性新兴产业',
    ],
  ];
  const mapping = detectHeader(header);

  it('normalises full-width digits, trailing spaces, serial dates, units, and infers HK/Macao/Taiwan', () => {
    const v = new RowValidator(mapping, ctx);
    const fw = u(1).replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
    const rec = v.push(2, [
      `${fw}  `,
      ' 广州甲公司 ',
      '３６１１ ',
      43831,
      '是',
      '香港',
      '2023',
      { formula: 'X', result: 12.5 },
      '是',
      '人工智能、生物医药与高端医疗器械',
    ]);
    expect(v.issues).toEqual([]);
    expect(rec).toEqual({
      row: 2,
      uscc: u(1),
      enterprise: {
        uscc: u(1),
        name: '广州甲公司',
        industryCode: '3611',
        establishedOn: '2020-01-01',
        foreignInvested: true,
        sourceCountry: 'HK',
        hkMacaoTaiwan: true,
        tags: ['ai', 'biomed'],
      },
      year: 2023,
      figures: { revenueYuan: 125_000, aboveScale: true },
    });
    // A numeric 小类 cell loses its leading zero; it is restored.
    expect(v.push(3, [u(2), '乙', 111])?.enterprise.industryCode).toBe('0111');
  });

  it('reports each bad cell with row, column, value and reason', () => {
    const v = new RowValidator(mapping, ctx);
    const bad = `${u(3).slice(0, 17)}${u(3)[17] === '0' ? '1' : '0'}`;
    expect(v.push(5, [bad, '', '36', '2020-13-01', '也许', '火星', null, '-3', '是', '元宇宙'])).toBeUndefined();
    const byCol = Object.fromEntries(v.issues.map((i) => [i.column, [i.code, i.row]]));
    expect(byCol).toEqual({
      A: ['uscc:check', 5],
      B: ['required', 5],
      C: ['industry:not-class', 5],
      D: ['date', 5],
      E: ['boolean', 5],
      F: ['country', 5],
      G: ['required', 5],
      H: ['negative', 5],
      J: ['tag', 5],
    });
    expect(v.issues.find((i) => i.column === 'D')).toMatchObject({ value: '2020-13-01', message: expect.stringContaining('成立日期') });
    expect(v.invalid).toBe(1);
    expect(v.valid).toBe(0);
  });

  it('reports a duplicate USCC (same year) with both row numbers and skips blank rows', () => {
    const v = new RowValidator(mapping, ctx);
    expect(v.push(2, [u(4), '甲', null, null, null, null, 2023])).toBeDefined();
    expect(v.push(3, [null, '  ', null])).toBeUndefined();
    expect(v.push(4, [u(4), '甲', null, null, null, null, 2022])).toBeDefined();
    expect(v.push(9, [u(4), '甲', null, null, null, null, 2023])).toBeUndefined();
    expect(v.issues.map((i) => [i.row, i.code, i.message])).toEqual([
      [9, 'duplicate', '统一社会信用代码与第2行重复（2023年）'],
      [2, 'duplicate', '统一社会信用代码与第9行重复（2023年）'],
    ]);
    expect(v.isInvalid(2)).toBe(true);
    expect(v.rows).toBe(3);
    expect(v.invalid).toBe(2);
  });
});

describe('merge plan', () => {
  const stored = {
    id: 7,
    uscc: u(1),
    name: '旧名称有限公司',
    formerNames: [],
    legalRepresentative: '张三',
    registeredCapitalYuan: null,
    industryCode: '3611',
    tags: ['ai'],
  } as unknown as StoredEnterprise;

  it('fills empty fields, adds list items, and holds back overwrites unless allowed', () => {
    const rec = {
      row: 2,
      uscc: u(1),
      enterprise: { uscc: u(1), name: '新名称有限公司', registeredCapitalYuan: 5_000_000, industryCode: '3611', tags: ['biomed'] },
    };
    const held = planMerge(rec, stored, undefined, false);
    expect(held.action).toBe('update');
    expect(held.changes.map((c) => [c.field, c.kind])).toEqual([
      ['registeredCapitalYuan', 'fill'],
      ['tags', 'add'],
    ]);
    expect(held.conflicts).toEqual([{ field: 'name', before: '旧名称有限公司', after: '新名称有限公司', kind: 'overwrite' }]);
    const forced = planMerge(rec, stored, undefined, true);
    expect(forced.conflicts).toEqual([]);
    expect(forced.changes.find((c) => c.field === 'formerNames')?.after).toEqual(['旧名称有限公司']);
    expect(planMerge({ row: 3, uscc: u(1), enterprise: { uscc: u(1), name: '旧名称有限公司' } }, stored, undefined, false).action).toBe(
      'unchanged',
    );
    expect(planMerge(rec, undefined, undefined, false).action).toBe('create');
  });

  it('diffs yearly figures per year', () => {
    const rec = { row: 2, uscc: u(1), enterprise: { uscc: u(1) }, year: 2023, figures: { revenueYuan: 10, employees: 5 } };
    const p = planMerge(rec, stored, { revenueYuan: 9, employees: null } as never, false);
    expect(p.changes).toEqual([{ field: 'employees', before: null, after: 5, kind: 'fill', year: 2023 }]);
    expect(p.conflicts).toEqual([{ field: 'revenueYuan', before: 9, after: 10, kind: 'overwrite', year: 2023 }]);
  });
});
