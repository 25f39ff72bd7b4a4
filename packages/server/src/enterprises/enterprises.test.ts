import { makeUscc } from '@kaifaqu/core/enterprises';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, createTestApp, type TestApp } from '../testing.ts';

let t: TestApp;
let admin: Agent;
let industry: Agent;
beforeAll(async () => {
  t = await createTestApp({ seed: 'small' });
  admin = await t.as('demo-admin');
  industry = await t.as('demo-industry');
});
afterAll(() => t?.close());

const u = (n: number) => makeUscc({ authority: '9', orgType: '1', division: '440112', orgCode8: String(70_000_000 + n) });
const URL = '/api/zones/demo/enterprises';

async function xlsx(rows: unknown[][], edit?: (ws: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  for (const r of rows) ws.addRow(r);
  edit?.(ws);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function upload(agent: Agent, filename: string, body: Buffer) {
  const boundary = `----kfq${Math.random().toString(16).slice(2)}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    body,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return agent.inject({
    method: 'POST',
    url: `${URL}/imports`,
    payload,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  });
}

async function readXlsx(buf: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as never);
  return wb.worksheets[0]
    .getSheetValues()
    .slice(1)
    .map((r) => (r as unknown[]).slice(1));
}

const existing = async () =>
  (await admin.inject({ url: `${URL}?pageSize=2&sort=id` })).json().data as { id: number; uscc: string; name: string }[];

describe('enterprise import', () => {
  it('serves a template with Chinese headers that imports as is', async () => {
    const r = await admin.inject({ url: `${URL}/template` });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('spreadsheetml');
    const rows = await readXlsx(r.rawPayload);
    expect(rows[0].slice(0, 3)).toEqual(['统一社会信用代码*', '企业名称*', '曾用名']);
  });

  it('previews creates, fills and conflicts per field, commits in one transaction without silent overwrite, and keeps history', async () => {
    const [first] = await existing();
    const file = await xlsx([
      ['统一社会信用代码', '企业名称', '行业代码', '成立日期', '外资来源地', '年份', '营业收入（万元）', '是否规上', '战略性新兴产业'],
      [`${u(1)} `, '广州新导入科技有限公司', '３９７２', 45292, '日本', 2023, 1200.5, '是', '人工智能'],
      [first.uscc, '改了名字的公司', null, null, null, 2023, { formula: 'G2*2', result: 800 }, null, '软件与信创'],
    ]);
    const up = await upload(industry, 'bureau.xlsx', file);
    expect(up.statusCode, up.body).toBe(201);
    const p = up.json().data;
    expect(p).toMatchObject({ status: 'previewed', rows: 2, valid: 2, invalid: 0, create: 1, update: 1, conflicts: expect.any(Number) });
    const diff = p.diffs.find((d: { uscc: string }) => d.uscc === first.uscc);
    expect(diff.conflicts.find((c: { field: string }) => c.field === 'name')).toMatchObject({
      before: first.name,
      after: '改了名字的公司',
      kind: 'overwrite',
    });
    expect(diff.changes.find((c: { field: string }) => c.field === 'tags')).toMatchObject({ kind: 'add' });

    const c = await industry.inject({ method: 'POST', url: `${URL}/imports/${p.id}/commit`, payload: {} });
    expect(c.statusCode, c.body).toBe(200);
    expect(c.json().data).toMatchObject({ status: 'committed', create: 1, update: 1 });
    // committing twice is refused
    expect((await industry.inject({ method: 'POST', url: `${URL}/imports/${p.id}/commit`, payload: {} })).statusCode).toBe(409);

    const kept = (await admin.inject({ url: `${URL}/${first.id}` })).json().data;
    expect(kept.name).toBe(first.name);
    expect(kept.tags).toContain('software');
    expect(kept.changes.some((h: { field: string; kind: string }) => h.field === 'tags' && h.kind === 'add')).toBe(true);

    const found = (await admin.inject({ url: `${URL}?q=${encodeURIComponent('新导入科技')}&year=2023` })).json();
    expect(found.pagination.total).toBe(1);
    expect(found.data[0]).toMatchObject({
      uscc: u(1),
      industryCode: '3972',
      sourceCountry: 'JP',
      aboveScale: true,
      revenueYuan: 12_005_000,
      tags: ['ai'],
    });
    const created = (await admin.inject({ url: `${URL}/${found.data[0].id}` })).json().data;
    expect(created).toMatchObject({ establishedOn: '2024-01-01', synthetic: false });
    expect(created.changes.map((h: { kind: string }) => h.kind)).toContain('create');

    const audit = (await admin.inject({ url: '/api/zones/demo/audit?entity=enterprise_import' })).json().data;
    expect(audit[0]).toMatchObject({ action: 'import', user: 'demo-industry' });
  });

  it('overwrites only when asked, and keeps the old name as a former name', async () => {
    const [, second] = await existing();
    const up = await upload(admin, 'rename.csv', Buffer.from(`统一社会信用代码,企业名称\n${second.uscc},全新名称股份有限公司\n`));
    const p = up.json().data;
    expect(p.conflicts).toBe(1);
    const c = await admin.inject({ method: 'POST', url: `${URL}/imports/${p.id}/commit`, payload: { overwrite: true } });
    expect(c.statusCode, c.body).toBe(200);
    const d = (await admin.inject({ url: `${URL}/${second.id}` })).json().data;
    expect(d.name).toBe('全新名称股份有限公司');
    expect(d.formerNames).toContain(second.name);
    const byFormer = (await admin.inject({ url: `${URL}?q=${encodeURIComponent(second.name)}` })).json();
    expect(byFormer.data.map((e: { id: number }) => e.id)).toContain(second.id);
  });

  it('reports bad rows with row, column, value and reason; all-or-nothing unless valid rows only', async () => {
    const bad = `${u(2).slice(0, 17)}${u(2)[17] === '0' ? '1' : '0'}`;
    const file = await xlsx(
      [
        ['企业名录（经信局报送）'],
        ['基本信息', null, null, '经营数据'],
        ['信用代码', '单位名称', '行业代码', '营业收入', '年份'],
        [u(3), '有效企业甲', '3611', 10, 2023],
        [bad, '坏代码企业', '3611', 10, 2023],
        [u(4), '坏行业企业', '36', { formula: 'A1' }, 2023],
        [u(3), '重复企业', '3611', 5, 2023],
        [u(5), '有效企业乙', '2710', null, null],
      ],
      (ws) => ws.mergeCells('A2:C2'),
    );
    const p = (await upload(admin, '报送.xlsx', file)).json().data;
    expect(p).toMatchObject({ headerRows: [2, 3], rows: 5, invalid: 4, valid: 1 });
    const issues = p.issues.map((i: { row: number; column: string; code: string }) => [i.row, i.column, i.code]);
    expect(issues).toEqual(
      expect.arrayContaining([
        [5, 'A', 'uscc:check'],
        [6, 'C', 'industry:not-class'],
        [6, 'D', 'formula'],
        [7, 'A', 'duplicate'],
        [4, 'A', 'duplicate'],
      ]),
    );
    expect(p.issues.find((i: { row: number }) => i.row === 5).value).toBe(bad);

    const before = (await admin.inject({ url: `${URL}?pageSize=1` })).json().pagination.total;
    const refused = await admin.inject({ method: 'POST', url: `${URL}/imports/${p.id}/commit`, payload: {} });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.message).toContain('未导入任何数据');
    expect((await admin.inject({ url: `${URL}?pageSize=1` })).json().pagination.total).toBe(before);

    const report = await admin.inject({ url: `${URL}/imports/${p.id}/errors` });
    expect(report.statusCode).toBe(200);
    const lines = await readXlsx(report.rawPayload);
    expect(lines.length).toBe(p.issuesTotal + 1);
    expect(lines.some((l) => l[0] === 5 && l[1] === 'A' && l[3] === bad)).toBe(true);

    const ok = await admin.inject({ method: 'POST', url: `${URL}/imports/${p.id}/commit`, payload: { validOnly: true } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await admin.inject({ url: `${URL}?pageSize=1` })).json().pagination.total).toBe(before + 1);
  });

  it('asks for a column mapping when headers are unknown and remembers it per bureau', async () => {
    const file = Buffer.from(`代码号,企业名字,备注\n${u(6)},映射企业,x\n`);
    const p = (await upload(industry, 'odd.csv', file)).json().data;
    expect(p).toMatchObject({ status: 'needs-mapping', missingRequired: ['uscc', 'name'] });
    const m = await industry.inject({
      method: 'POST',
      url: `${URL}/imports/${p.id}/mapping`,
      payload: { overrides: { 0: 'uscc', 1: 'name' } },
    });
    expect(m.statusCode, m.body).toBe(200);
    expect(m.json().data).toMatchObject({ status: 'previewed', create: 1 });
    const again = (await upload(industry, 'odd2.csv', file)).json().data;
    expect(again.status).toBe('previewed');
    expect(again.columns[0]).toMatchObject({ field: 'uscc', source: 'saved' });
    // another bureau does not inherit it
    expect((await upload(await t.as('demo-invest'), 'odd3.csv', file)).json().data.status).toBe('needs-mapping');
  });

  it('rejects wrong extensions, fake workbooks and oversized files with the reason; reads GB18030 CSV', async () => {
    const ext = await upload(admin, 'list.xls', Buffer.from('abc'));
    expect(ext.statusCode).toBe(400);
    expect(ext.json().error.message).toContain('.xls');
    const fake = await upload(admin, 'list.xlsx', Buffer.from('统一社会信用代码,企业名称\n'));
    expect(fake.statusCode).toBe(400);
    expect(fake.json().error.message).toContain('不是 Excel');
    const bin = await upload(admin, 'list.csv', Buffer.from([0x50, 0x4b, 3, 4, 0, 0]));
    expect(bin.statusCode).toBe(400);
    const many = await upload(admin, 'many.csv', Buffer.from(`统一社会信用代码,企业名称\n${'x,y\n'.repeat(200_001)}`));
    expect(many.statusCode).toBe(400);
    expect(many.json().error.message).toContain('200000');
    const big = await upload(admin, 'big.csv', Buffer.alloc(21 * 1024 * 1024, 0x61));
    expect(big.statusCode).toBe(400);
    expect(big.json().error.message).toContain('20 MB');
    // Chinese Excel saves CSV in GB18030: 统一社会信用代码,企业名称 / <code>,甲公司
    const gbk = Buffer.concat([
      Buffer.from('cdb3d2bbc9e7bbe1d0c5d3c3b4fac2eb2cc6f3d2b5c3fbb3c60a', 'hex'),
      Buffer.from(u(9)),
      Buffer.from('2cbcd7b9abcbbe0a', 'hex'),
    ]);
    const g = await upload(admin, 'gbk.csv', gbk);
    expect(g.statusCode, g.body).toBe(201);
    expect(g.json().data).toMatchObject({ status: 'previewed', valid: 1, create: 1 });
  });
});

describe('registry list, detail and access', () => {
  it('pages, sorts, filters and exports the same list', async () => {
    const r = (await admin.inject({ url: `${URL}?pageSize=5&page=2&sort=name&order=desc&industry=C&aboveScale=true` })).json();
    expect(r.data).toHaveLength(5);
    expect(r.pagination.total).toBeGreaterThan(20);
    expect(
      r.data.every((e: { aboveScale: boolean; industryCode: string }) => e.aboveScale && Number(e.industryCode.slice(0, 2)) >= 13),
    ).toBe(true);
    const names = r.data.map((e: { name: string }) => e.name);
    expect([...names].sort().reverse()).toEqual(names);
    const exp = await admin.inject({ url: `${URL}/export?industry=C&aboveScale=true` });
    expect(exp.statusCode).toBe(200);
    const rows = await readXlsx(exp.rawPayload);
    expect(rows.length - 1).toBe(r.pagination.total);
    expect(rows[0][0]).toBe('统一社会信用代码');
  });

  it('pages 规上 firms by id and by their figures: each firm once, in order, the same firms as the joined list', async () => {
    type Row = {
      id: number;
      aboveScale: boolean;
      revenueYuan: number | null;
      industrialOutputYuan: number | null;
      employees: number | null;
    };
    const all = async (q: string, pageSize: number) => {
      const rows: Row[] = [];
      for (let page = 1; ; page++) {
        const r = (await admin.inject({ url: `${URL}?aboveScale=true&${q}&pageSize=${pageSize}&page=${page}` })).json();
        rows.push(...r.data);
        if (r.data.length < pageSize) return { rows, total: r.pagination.total as number };
      }
    };
    // Sorted by name, the list joins the firms; the others walk the yearly figures alone.
    const byName = await all('sort=name', 200);
    expect(byName.rows.length).toBeGreaterThan(10);
    const ids = byName.rows.map((r) => r.id).sort((a, b) => a - b);
    const key = { revenue: 'revenueYuan', output: 'industrialOutputYuan', employees: 'employees' } as const;
    for (const sort of ['id', 'revenue', 'output', 'employees'] as const) {
      for (const order of ['asc', 'desc'] as const) {
        const q = `sort=${sort}&order=${order}`;
        const { rows, total } = await all(q, 7);
        expect(total, q).toBe(byName.total);
        expect(
          rows.every((r) => r.aboveScale),
          q,
        ).toBe(true);
        expect(
          rows.map((r) => r.id).sort((a, b) => a - b),
          q,
        ).toEqual(ids);
        const v = (r: Row) => (sort === 'id' ? r.id : r[key[sort]]);
        for (let i = 1; i < rows.length; i++) {
          const [a, b] = [v(rows[i - 1]), v(rows[i])];
          // nulls last either way, then ties by id ascending
          const inOrder = a === b ? rows[i - 1].id < rows[i].id : b === null || (a !== null && (order === 'asc' ? a < b : a > b));
          expect(inOrder, `${q} at ${i}`).toBe(true);
        }
      }
    }
  });

  it('filters by section exactly as the code table assigns firms to sections', async () => {
    const bySection = await t.database.query<{ section: string; n: string }>(
      `select i.section, count(*) as n from enterprises e join zones z on z.id = e.zone_id join industries i on i.code = e.industry_code
       where z.code = 'demo' group by 1`,
    );
    expect(bySection.length).toBeGreaterThan(3);
    const expected = new Map(bySection.map((r) => [r.section, Number(r.n)]));
    for (const s of 'ABCDEFGHIJKLMNOPQRST') {
      const r = (await admin.inject({ url: `${URL}?pageSize=1&industry=${s}` })).json();
      expect(r.pagination.total, s).toBe(expected.get(s) ?? 0);
    }
  });

  it('lets an enterprise user read and edit only its own enterprise; evaluators see nothing', async () => {
    const ent = await t.as('demo-enterprise');
    const me = (await ent.inject({ url: '/api/auth/me' })).json().data;
    const own = me.memberships[0].enterpriseId as number;
    expect((await ent.inject({ url: `${URL}/${own}` })).statusCode).toBe(200);
    expect((await ent.inject({ url: `${URL}/${own + 1}` })).statusCode).toBe(404);
    expect((await ent.inject({ url: URL })).statusCode).toBe(403);
    expect((await ent.inject({ method: 'PATCH', url: `${URL}/${own + 1}`, payload: { address: 'x' } })).statusCode).toBe(404);
    const p = await ent.inject({
      method: 'PATCH',
      url: `${URL}/${own}`,
      payload: { address: '广州市黄埔区开创大道1号', tags: ['robotics'] },
    });
    expect(p.statusCode, p.body).toBe(200);
    expect(p.json().data).toMatchObject({ address: '广州市黄埔区开创大道1号', tags: ['robotics'] });
    const bad = await ent.inject({ method: 'PATCH', url: `${URL}/${own}`, payload: { industryCode: '9999' } });
    expect(bad.statusCode).toBe(400);
    const audit = (await admin.inject({ url: '/api/zones/demo/audit?entity=enterprise' })).json().data;
    expect(audit[0]).toMatchObject({ action: 'update', user: 'demo-enterprise', after: { address: '广州市黄埔区开创大道1号' } });
    const ev = await t.as('evaluator');
    expect((await ev.inject({ url: URL })).statusCode).toBe(404);
  });

  it('tiers clusters by yearly output and counts strategic emerging industry tags', async () => {
    const c = (await admin.inject({ url: `${URL}/clusters` })).json().data;
    expect(c.length).toBeGreaterThan(0);
    for (const x of c) expect(x.tier).toBe(x.outputYuan >= 1e11 ? '千亿级' : x.outputYuan >= 1e10 ? '百亿级' : '其他');
    const put = await admin.inject({
      method: 'PUT',
      url: `${URL}/clusters`,
      payload: { code: 'robots', name: '机器人', prefixes: ['3491'], members: [1, 2] },
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json().data.find((x: { code: string }) => x.code === 'robots').taggedEnterprises).toBe(2);
    expect(
      (await industry.inject({ method: 'PUT', url: `${URL}/clusters`, payload: { code: 'x1', name: 'x', prefixes: [] } })).statusCode,
    ).toBe(403);
    const tags = (await admin.inject({ url: `${URL}/tags` })).json().data;
    expect(tags).toHaveLength(6);
    expect(tags.find((x: { code: string }) => x.code === 'ai').enterprises).toBeGreaterThanOrEqual(1);
  });
});
