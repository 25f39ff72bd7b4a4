import { seedEvaluationDemo } from '@kaifaqu/db';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, createTestApp, type TestApp } from '../testing.ts';

let t: TestApp;
const a: Record<string, Agent> = {};
let openRoundId = 0;

beforeAll(async () => {
  t = await createTestApp({ seed: 'small' });
  await t.database.db.transaction((tx) => seedEvaluationDemo(tx, { mcRuns: 50 }));
  for (const u of ['demo-admin', 'demo-invest', 'demo-b-admin', 'evaluator', 'demo-enterprise']) a[u] = await t.as(u);
  const rounds = (await a.evaluator.inject({ url: '/api/evaluation/rounds' })).json().data;
  openRoundId = rounds.find((r: { status: string }) => r.status === 'open').id;
}, 240_000);
afterAll(() => t?.close());

function multipart(fileName: string, content: Buffer) {
  const boundary = 'XBOUNDARY';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  return {
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat([head, content, Buffer.from(`\r\n--${boundary}--\r\n`)]),
  };
}

async function xlsx(rows: (string | number | null)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('iData');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const results = async (who = 'demo-admin', zone = 'demo') => a[who].inject({ url: `/api/zones/${zone}/evaluation/results` });

describe('evaluation demo history (engine-produced ranks)', () => {
  it('the demo zone is 2nd overall seven years running and 1st in 科技创新 five years running', async () => {
    const res = await results();
    expect(res.statusCode).toBe(200);
    const d = res.json().data;
    expect(d.history).toHaveLength(8);
    expect(d.history.map((h: { rank: number }) => h.rank)).toEqual([5, 2, 2, 2, 2, 2, 2, 2]);
    const labels = d.streaks.map((s: { label: string }) => s.label);
    expect(labels).toContain('综合排名连续7年第2');
    expect(labels).toContain('科技创新连续5年第1');
    expect(d.latest.interval.p05).toBeLessThanOrEqual(d.latest.interval.p95);
    // A strong all-rounder: its rank interval stays near the top (calibrated synthetic data, not a one-dimension specialist).
    expect(d.latest.interval.p05).toBeGreaterThanOrEqual(1);
    expect(d.latest.interval.p95).toBeLessThanOrEqual(6);
    expect(d.latest.drill).toHaveLength(5);
    const innovation = d.latest.drill.find((x: { code: string }) => x.code === 'Innovation');
    expect(innovation.rank).toBe(1);
    expect(innovation.indicators[0].submitted).toBeGreaterThan(0);
    expect(Number.isFinite(d.latest.nationalMedian.Index)).toBe(true);
    expect(d.warning.onList).toBe(false);
    expect(d.synthetic).toBe(true);
  });

  it('233 zones with regions from their provinces; the 229 extra zones have no users or enterprises', async () => {
    const r = await t.database.db.execute(
      "select count(*)::int as n, count(*) filter (where region not in ('east','central','west'))::int as bad from zones",
    );
    const row = (r as unknown as { rows: { n: number; bad: number }[] }).rows?.[0] ?? (r as unknown as { n: number; bad: number }[])[0];
    expect(row.n).toBe(233);
    expect(row.bad).toBe(0);
    const e = await t.database.db.execute(
      "select count(*)::int as n from enterprises e join zones z on z.id = e.zone_id where z.code like 'etdz-%'",
    );
    const er = (e as unknown as { rows: { n: number }[] }).rows?.[0] ?? (e as unknown as { n: number }[])[0];
    expect(er.n).toBe(0);
  });

  it('a zone never sees another zone, staff read but cannot write, enterprises are refused', async () => {
    expect((await results('demo-b-admin', 'demo')).statusCode).toBe(404);
    expect((await results('demo-invest')).statusCode).toBe(200);
    expect((await results('demo-enterprise')).statusCode).toBe(403);
    const put = await a['demo-invest'].inject({ method: 'PUT', url: '/api/zones/demo/evaluation/submission', payload: { values: {} } });
    expect(put.statusCode).toBe(403);
    expect((await a['demo-admin'].inject({ url: '/api/evaluation/rounds' })).statusCode).toBe(403);
  });
});

describe('collection → review → lock → run → publish', () => {
  it('xlsx upload: the template round-trips; bad cells are refused with row and column and nothing is saved', async () => {
    const url = '/api/zones/demo/evaluation/submission';
    const tpl = await a['demo-admin'].inject({ url: `${url}/template` });
    expect(tpl.statusCode).toBe(200);
    expect(tpl.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(tpl.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('iData')!;
    const header = (ws.getRow(1).values as unknown[]).slice(1) as string[];
    expect(header.slice(0, 2)).toEqual(['uCode', 'uName']);
    expect(ws.getCell(2, 1).value).toBe('demo');
    expect(wb.getWorksheet('指标说明')!.getCell(2, 2).value).toBeTruthy();
    const before = (await a['demo-admin'].inject({ url })).json().data.submission.values;
    // Good: the prefilled template with one value changed a little.
    const fdiCol = header.indexOf('FDI') + 1;
    ws.getCell(2, fdiCol).value = Math.round((before.FDI as number) * 1.01 * 1000) / 1000;
    const good = await a['demo-admin'].inject({
      method: 'POST',
      url: `${url}/upload`,
      ...multipart('demo.xlsx', Buffer.from(await wb.xlsx.writeBuffer())),
    });
    expect(good.statusCode).toBe(200);
    expect(good.json().data.file).toMatchObject({ format: 'xlsx', values: header.length - 2 });
    expect(good.json().data.values.FDI).toBeCloseTo((before.FDI as number) * 1.01, 2);
    // Bad: text with a unit in D2, a value out of range, an unknown column → every cell named, nothing saved.
    const bad = await xlsx([
      ['uCode', 'uName', 'Trade', 'FDI', 'FIEShare', 'Bogus'],
      ['demo', '演示经开区', 500, '12亿美元', 180, 3],
    ]);
    const r = await a['demo-admin'].inject({ method: 'POST', url: `${url}/upload`, ...multipart('bad.xlsx', bad) });
    expect(r.statusCode).toBe(400);
    const cells = r.json().error.issues.map((i: { row?: number; column?: string }) => `${i.column}${i.row}`);
    expect(cells).toEqual(expect.arrayContaining(['D2', 'E2', 'F1']));
    const after = (await a['demo-admin'].inject({ url })).json().data.submission.values;
    expect(after.Trade).toBe(good.json().data.values.Trade);
    // Another zone's row, a renamed file, a wrong unit column in the two-column layout.
    const other = await xlsx([
      ['uCode', 'FDI'],
      ['demo-b', 1],
    ]);
    const o = await a['demo-admin'].inject({ method: 'POST', url: `${url}/upload`, ...multipart('o.xlsx', other) });
    expect(o.statusCode).toBe(400);
    expect(o.json().error.issues[0]).toMatchObject({ row: 2, column: 'A' });
    const fake = await a['demo-admin'].inject({ method: 'POST', url: `${url}/upload`, ...multipart('x.xlsx', Buffer.from('uCode,FDI\n')) });
    expect(fake.statusCode).toBe(400);
    const unit = await a['demo-admin'].inject({
      method: 'POST',
      url: `${url}/upload`,
      ...multipart('u.csv', Buffer.from('iCode,value,unit\nFDI,3,亿元\n')),
    });
    expect(unit.statusCode).toBe(400);
    expect(unit.json().error.issues[0]).toMatchObject({ row: 2, column: 'C' });
    const big = await a['demo-admin'].inject({
      method: 'POST',
      url: `${url}/upload`,
      ...multipart('big.csv', Buffer.alloc(3 * 1024 * 1024, 0x31)),
    });
    expect(big.statusCode).toBe(400);
    // A big jump vs last year is flagged by the same check as the form; an explanation column is saved with it.
    const prevTrade = (await a['demo-admin'].inject({ url })).json().data.previous.values.Trade as number;
    const jump = await a['demo-admin'].inject({
      method: 'POST',
      url: `${url}/upload`,
      ...multipart('jump.csv', Buffer.from(`iCode,value,说明\nTrade,${Math.min(19999, prevTrade * 2)},新投产两个大型出口项目\n`)),
    });
    expect(jump.statusCode).toBe(200);
    expect(jump.json().data.checks).toContainEqual(expect.objectContaining({ iCode: 'Trade', level: 'jump' }));
    expect(jump.json().data.explanations.Trade).toBe('新投产两个大型出口项目');
    // Staff may download the template but not upload.
    expect((await a['demo-invest'].inject({ url: `${url}/template` })).statusCode).toBe(200);
    expect((await a['demo-invest'].inject({ method: 'POST', url: `${url}/upload`, ...multipart('demo.xlsx', bad) })).statusCode).toBe(403);
  });

  it('refuses wrong types and ranges, flags jumps, and requires explanations before submitting', async () => {
    const cur = (await a['demo-admin'].inject({ url: '/api/zones/demo/evaluation/submission' })).json().data;
    expect(cur.round.year).toBe(2026);
    expect(cur.submission.status).toBe('draft');
    const bad = await a['demo-admin'].inject({
      method: 'PUT',
      url: '/api/zones/demo/evaluation/submission',
      payload: { values: { FDI: '12亿美元', FIEShare: 180, Nope: 1 } },
    });
    expect(bad.statusCode).toBe(400);
    const paths = bad.json().error.issues.map((i: { path: string[] }) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['values.FDI', 'values.FIEShare', 'values.Nope']));
    const prevFdi = cur.previous.values.FDI as number;
    const ok = await a['demo-admin'].inject({
      method: 'PUT',
      url: '/api/zones/demo/evaluation/submission',
      payload: { values: { FDI: Math.min(199, prevFdi * 5) } },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().data.checks.some((c: { iCode: string; level: string }) => c.iCode === 'FDI' && c.level === 'jump')).toBe(true);
    const sub1 = await a['demo-admin'].inject({ method: 'POST', url: '/api/zones/demo/evaluation/submission/submit' });
    expect(sub1.statusCode).toBe(400);
    expect(sub1.json().error.issues.some((i: { path: string[] }) => i.path.join('.') === 'explanations.FDI')).toBe(true);
    await a['demo-admin'].inject({
      method: 'PUT',
      url: '/api/zones/demo/evaluation/submission',
      payload: { values: {}, explanations: { FDI: '新落地两个外资大项目' } },
    });
    const sub2 = await a['demo-admin'].inject({ method: 'POST', url: '/api/zones/demo/evaluation/submission/submit' });
    expect(sub2.statusCode).toBe(200);
    expect(sub2.json().data.status).toBe('submitted');
    const edit = await a['demo-admin'].inject({
      method: 'PUT',
      url: '/api/zones/demo/evaluation/submission',
      payload: { values: { FDI: 1 } },
    });
    expect(edit.statusCode).toBe(409);
  });

  it('the evaluator returns with a comment, the zone corrects by CSV upload, then accept and lock', async () => {
    const url = `/api/evaluation/rounds/${openRoundId}/submissions/demo/review`;
    expect((await a.evaluator.inject({ method: 'POST', url, payload: { decision: 'return' } })).statusCode).toBe(400);
    const ret = await a.evaluator.inject({
      method: 'POST',
      url,
      payload: { decision: 'return', comment: '实际使用外资请按商务部口径核对' },
    });
    expect(ret.json().data.status).toBe('returned');
    const mine = (await a['demo-admin'].inject({ url: '/api/zones/demo/evaluation/submission' })).json().data;
    expect(mine.submission.comments.at(-1).text).toContain('商务部口径');
    const boundary = 'XBOUNDARY';
    const csv = `iCode,value\nFDI,${mine.previous.values.FDI}\n`;
    const body = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="demo.csv"\r\nContent-Type: text/csv\r\n\r\n${csv}\r\n--${boundary}--\r\n`;
    const up = await a['demo-admin'].inject({
      method: 'POST',
      url: '/api/zones/demo/evaluation/submission/upload',
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: body,
    });
    expect(up.statusCode).toBe(200);
    expect(up.json().data.values.FDI).toBe(mine.previous.values.FDI);
    expect((await a['demo-admin'].inject({ method: 'POST', url: '/api/zones/demo/evaluation/submission/submit' })).statusCode).toBe(200);
    expect((await a.evaluator.inject({ method: 'POST', url, payload: { decision: 'accept' } })).json().data.status).toBe('accepted');
    const lock = await a.evaluator.inject({ method: 'POST', url: `/api/evaluation/rounds/${openRoundId}/lock` });
    expect(lock.json().data.locked).toBeGreaterThan(1);
    const progress = (await a.evaluator.inject({ url: `/api/evaluation/rounds/${openRoundId}/progress` })).json().data;
    expect(progress.zones).toHaveLength(233);
    expect(progress.zones.find((z: { zone: string }) => z.zone === 'demo').status).toBe('locked');
    const after = await a['demo-admin'].inject({
      method: 'PUT',
      url: '/api/zones/demo/evaluation/submission',
      payload: { values: { FDI: 2 } },
    });
    expect(after.statusCode).toBe(409);
  });

  it('runs the engine on locked data, compares runs, and unpublished results stay invisible to zones', async () => {
    const r1 = await a.evaluator.inject({ method: 'POST', url: `/api/evaluation/rounds/${openRoundId}/runs`, payload: { mcRuns: 100 } });
    expect(r1.statusCode).toBe(201);
    const r2 = await a.evaluator.inject({
      method: 'POST',
      url: `/api/evaluation/rounds/${openRoundId}/runs`,
      payload: {
        mcRuns: 0,
        label: '等权重',
        pipeline: { name: 'equal', impute: { method: 'indicator-mean' }, weights: { method: 'equal' } },
      },
    });
    expect(r2.statusCode).toBe(201);
    const cmp = (await a.evaluator.inject({ url: `/api/evaluation/runs/compare?a=${r1.json().data.id}&b=${r2.json().data.id}` })).json()
      .data;
    expect(cmp.rows.length).toBe(r1.json().data.units);
    const detail = (await a.evaluator.inject({ url: `/api/evaluation/runs/${r1.json().data.id}` })).json().data;
    expect(detail.top30.length).toBeLessThanOrEqual(30);
    expect(Object.keys(detail.regions).sort()).toEqual(['central', 'east', 'west']);
    expect(Object.keys(detail.byDimension)).toHaveLength(5);
    // Not published: the zone's history still ends in 2025.
    expect((await results()).json().data.history.at(-1).year).toBe(2025);
    const pub = await a.evaluator.inject({ method: 'POST', url: `/api/evaluation/runs/${r1.json().data.id}/publish` });
    expect(pub.statusCode).toBe(200);
    expect(pub.json().data.framework).toBe('mofcom-2021 v1');
    const again = await a.evaluator.inject({ method: 'POST', url: `/api/evaluation/runs/${r2.json().data.id}/publish` });
    expect(again.statusCode).toBe(409);
    expect((await results()).json().data.history.at(-1).year).toBe(2026);
    const published = (await a.evaluator.inject({ url: `/api/evaluation/rounds/${openRoundId}/published` })).json().data;
    expect(published.run.published).toBe(true);
  });

  it('what-if and path-to-rank run on the server and return only the zone itself', async () => {
    const w = await a['demo-admin'].inject({
      method: 'POST',
      url: '/api/zones/demo/evaluation/what-if',
      payload: { changes: { FDI: 150 }, targetRank: 1 },
    });
    expect(w.statusCode).toBe(200);
    const d = w.json().data;
    expect(d.after.scores.Index).toBeGreaterThanOrEqual(d.before.scores.Index);
    expect(JSON.stringify(d)).not.toContain('etdz-');
  });
});

describe('frameworks', () => {
  it('validates hierarchy and weights, and a published framework is frozen', async () => {
    const bad = await a.evaluator.inject({
      method: 'POST',
      url: '/api/evaluation/frameworks',
      payload: {
        code: 'test',
        name: '测试',
        rows: [
          { iCode: 'A', iName: 'A', type: 'Indicator', parent: 'X' },
          { iCode: 'X', iName: 'X', type: 'Aggregate', level: 2, parent: 'X' },
        ],
      },
    });
    expect(bad.statusCode).toBe(400);
    const fws = (await a.evaluator.inject({ url: '/api/evaluation/frameworks' })).json().data;
    const fw = fws.find((f: { code: string }) => f.code === 'mofcom-2021');
    expect(fw.frozen).toBe(true);
    const put = await a.evaluator.inject({
      method: 'PUT',
      url: `/api/evaluation/frameworks/${fw.id}`,
      payload: { code: fw.code, name: fw.name, rows: fw.rows },
    });
    expect(put.statusCode).toBe(409);
    const v2 = await a.evaluator.inject({
      method: 'POST',
      url: '/api/evaluation/frameworks',
      payload: { code: fw.code, name: `${fw.name} v2`, rows: fw.rows },
    });
    expect(v2.statusCode).toBe(201);
    expect(v2.json().data.version).toBe(2);
  });

  it('clones a frozen version into an editable draft; edits are validated (cycles, weights per parent, unique codes)', async () => {
    const fws = (await a.evaluator.inject({ url: '/api/evaluation/frameworks' })).json().data;
    const frozen = fws.find((f: { code: string; frozen: boolean }) => f.code === 'mofcom-2021' && f.frozen);
    const clone = await a.evaluator.inject({ method: 'POST', url: `/api/evaluation/frameworks/${frozen.id}/clone` });
    expect(clone.statusCode).toBe(201);
    const draft = clone.json().data;
    expect(draft).toMatchObject({ code: 'mofcom-2021', frozen: false });
    expect(draft.version).toBeGreaterThan(frozen.version);
    expect(draft.rows).toEqual(frozen.rows);
    const put = (rows: unknown[]) =>
      a.evaluator.inject({
        method: 'PUT',
        url: `/api/evaluation/frameworks/${draft.id}`,
        payload: { code: draft.code, name: draft.name, rows },
      });
    type R = { iCode: string; type: string; parent?: string; weight?: number };
    const rows: R[] = draft.rows;
    const edited = rows.map((r) => (r.iCode === 'FDI' ? { ...r, weight: 2, definition: '实际使用外资（商务部口径）' } : r));
    const ok = await put(edited);
    expect(ok.statusCode).toBe(200);
    expect(ok.json().data.rows.find((r: R) => r.iCode === 'FDI').weight).toBe(2);
    // Mixed weights under one parent, a duplicate code, a cycle between two aggregates.
    const broken = edited.map((r) =>
      r.iCode === 'Trade' ? { ...r, weight: undefined } : r.iCode === 'NewFIE' ? { ...r, iCode: 'FDI' } : r,
    );
    const bad = await put(broken);
    expect(bad.statusCode).toBe(400);
    const msgs = bad
      .json()
      .error.issues.map((i: { messageEn: string }) => i.messageEn)
      .join('\n');
    expect(msgs).toMatch(/other children of Opening have weights/);
    expect(msgs).toMatch(/duplicate code FDI/);
    const cyc = await put([
      ...edited.filter((r) => r.type !== 'Aggregate' || r.parent),
      { iCode: 'Index', iName: '综合', type: 'Aggregate', level: 3, parent: 'Opening' },
    ]);
    expect(cyc.statusCode).toBe(400);
    expect(
      cyc
        .json()
        .error.issues.map((i: { messageEn: string }) => i.messageEn)
        .join('\n'),
    ).toMatch(/cycle/);
    // The frozen original still refuses edits.
    expect(
      (
        await a.evaluator.inject({
          method: 'PUT',
          url: `/api/evaluation/frameworks/${frozen.id}`,
          payload: { code: frozen.code, name: frozen.name, rows: frozen.rows },
        })
      ).statusCode,
    ).toBe(409);
    expect((await a['demo-admin'].inject({ method: 'POST', url: `/api/evaluation/frameworks/${frozen.id}/clone` })).statusCode).toBe(403);
  });
});
