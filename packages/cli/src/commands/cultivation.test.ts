import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { miit2022 } from '@kaifaqu/core/cultivation';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../testing.ts';

const fixture = join(import.meta.dirname, '../../../core/src/cultivation/fixtures/profiles.json');
const dir = mkdtempSync(join(tmpdir(), 'kaifaqu-cultivation-'));

const run = runCli;

afterEach(() => {
  process.exitCode = 0;
});

describe('kaifaqu cultivation assess', () => {
  it('--json prints the contract shape for every profile and tier', async () => {
    const r = await run(['cultivation', 'assess', '--input', fixture, '--json']);
    expect(r.error).toBeUndefined();
    expect(r.exitCode).toBe(0);
    const rows = JSON.parse(r.out);
    expect(rows.map((x: { id: string }) => x.id)).toEqual(['GZ-001', 'GZ-002', 'GZ-003', 'GZ-004', 'GZ-005']);
    const first = rows[0];
    expect(Object.keys(first.tiers)).toEqual(['innovative', 'specialized', 'little-giant', 'champion']);
    expect(first.ruleSet).toEqual({ id: 'miit-2022', version: '1.0.0', effectiveFrom: '2022-08-01' });
    expect(first.dataYear).toBe(2024);
    expect(first.tiers.innovative).toMatchObject({
      eligible: true,
      path: 'score',
      total: 95,
      groups: { innovation: 35, growth: 30, specialization: 30 },
      failed: [],
      gap: [],
    });
    expect(first.tiers.innovative.indicators[0]).toMatchObject({
      key: 'ip',
      value: 'class1SelfDeveloped',
      band: 'class1SelfDeveloped',
      points: 15,
    });
    const lg = first.tiers['little-giant'];
    expect(lg).toMatchObject({ eligible: false, path: null, failed: ['specialized-recognized', 'niche-share', 'rd-intensity'] });
    expect(lg.gap[1]).toMatchObject({ key: 'niche-share', from: 6, to: 10, gain: null });
    // GZ-002: 2.4% R&D → 3.0% lifts 创新型 by 5 points (but 50 needs 10, so the gap lists bigger single moves).
    const innov2 = rows[1].tiers.innovative;
    expect(innov2).toMatchObject({ eligible: false, total: 50, failed: ['total'] });
    expect(innov2.gap.every((g: { gain: number }) => g.gain >= 10)).toBe(true);
    expect(rows[3].tiers.champion).toMatchObject({ eligible: true, path: 'criteria' });
    expect(rows[4].tiers.specialized).toMatchObject({ eligible: 'undetermined', missing: ['rdExpense.1', 'rdExpense.2', 'ip'] });
    expect(rows[4].tiers.innovative.path).toBe('direct:equity-financing-3y');
  });

  it('human output summarises in Chinese', async () => {
    const r = await run(['cultivation', 'assess', '--input', fixture]);
    expect(r.out).toContain('[GZ-001] 数据年度 2024 · 规则集 miit-2022 v1.0.0');
    expect(r.out).toContain('全国细分市场占有率达到10%以上');
    expect(r.out).toMatch(/汇总 \(5 家\)/);
  });

  it('--tier limits the output', async () => {
    const rows = JSON.parse((await run(['cultivation', 'assess', '--input', fixture, '--tier', 'champion', '--json'])).out);
    expect(Object.keys(rows[0].tiers)).toEqual(['champion']);
  });

  it('invalid profiles are listed with the field named and exit 1', async () => {
    const file = join(dir, 'bad.json');
    writeFileSync(
      file,
      JSON.stringify([
        { id: 'ok', revenue: [1, 2, 3] },
        { id: 'bad', revenue: [100, -5, 200], nicheShareNational: 130 },
      ]),
    );
    const r = await run(['cultivation', 'assess', '--input', file, '--json']);
    expect(r.exitCode).toBe(1);
    const rows = JSON.parse(r.out);
    expect(rows[0].tiers.innovative.eligible).toBe('undetermined');
    expect(rows[1].errors.map((e: { path: (string | number)[] }) => e.path.join('.'))).toEqual(['revenue.1', 'nicheShareNational']);
  });

  it('reads an xlsx with Chinese headers', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('企业');
    ws.addRow([
      '编号',
      '营业收入1',
      '营业收入2',
      '营业收入3',
      '主营业务收入_1',
      '主营业务收入_2',
      '主营业务收入_3',
      '研发费用1',
      '研发费用2',
      '研发费用3',
      '资产总额',
      '负债总额',
      '主导产品所属领域',
      'I类知识产权',
      '荣誉资质',
      '中小企业',
      '已认定层级',
    ]);
    ws.addRow(['X1', 2400, 2700, 3000, 1500, 1600, 1650, 60, 70, 72, 5000, 2750, '战略性新兴产业', 1, '', '是', '创新型']);
    ws.addRow(['X2', 2400, 2700, 3000, 1500, 1600, 1650, 60, 70, 72, 5000, 2750, 'other', 0, 'high-tech、ip-advantage', 'false', '']);
    const file = join(dir, 'p.xlsx');
    await wb.xlsx.writeFile(file);
    const r = await run(['cultivation', 'assess', '--input', file, '--json']);
    expect(r.error).toBeUndefined();
    const rows = JSON.parse(r.out);
    expect(rows[0].tiers.innovative).toMatchObject({ groups: { innovation: 20, specialization: 20 } });
    expect(rows[0].tiers.innovative.indicators.find((i: { key: string }) => i.key === 'main-share')).toMatchObject({
      value: 55,
      points: 10,
    });
    expect(rows[1].tiers.innovative).toMatchObject({ eligible: true, path: 'direct:high-tech' });
  });

  it('xlsx with an unknown column is refused, exit 2', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('s').addRow(['编号', '收入']);
    const file = join(dir, 'unknown.xlsx');
    await wb.xlsx.writeFile(file);
    const r = await run(['cultivation', 'assess', '--input', file]);
    expect(r.error).toMatch(/无法识别的列.*收入/);
  });

  it('takes a provincial rule-set file and rejects an unknown one', async () => {
    const variant = structuredClone(miit2022);
    variant.id = 'gd-2024';
    const file = join(dir, 'gd.json');
    writeFileSync(file, JSON.stringify(variant));
    const rows = JSON.parse((await run(['cultivation', 'assess', '--input', fixture, '--ruleset', file, '--json'])).out);
    expect(rows[0].ruleSet.id).toBe('gd-2024');
    expect((await run(['cultivation', 'assess', '--input', fixture, '--ruleset', 'nope'])).error).toMatch(/未知规则集 nope/);
  });
});

describe('kaifaqu cultivation rule sets', () => {
  it('lists built-in rule sets', async () => {
    const list = JSON.parse((await run(['cultivation', 'rulesets', '--json'])).out);
    expect(list[0]).toMatchObject({ id: 'miit-2022', version: '1.0.0', effectiveFrom: '2022-08-01' });
  });

  it('validate-ruleset names the indicator and band of an overlap', async () => {
    const bad = structuredClone(miit2022) as unknown as {
      tiers: { scoring: { groups: { indicators: { bands: { to: number }[] }[] }[] } }[];
    };
    bad.tiers[0].scoring.groups[1].indicators[0].bands[1].to = 6;
    const file = join(dir, 'bad-rs.json');
    writeFileSync(file, JSON.stringify(bad));
    const r = await run(['cultivation', 'validate-ruleset', file, '--json']);
    expect(r.exitCode).toBe(1);
    const out = JSON.parse(r.out);
    expect(out.valid).toBe(false);
    expect(out.issues[0].messageEn).toBe('indicator main-growth: band [5, 10) overlaps [0, 6)');
  });
});
