import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { getPreset, syntheticInput, toCsv } from '@kaifaqu/core/evaluation';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildProgram } from '../program.ts';

const asem = fileURLToPath(new URL('../../../core/src/evaluation/data/coinr-asem/', import.meta.url));
const DATA = join(asem, 'ASEM_iData.csv');
const META = join(asem, 'ASEM_iMeta.csv');
const tmp = mkdtempSync(join(tmpdir(), 'kaifaqu-eval-'));

async function run(args: string[]): Promise<{ out: string; err: string; exitCode: number }> {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((c: string | Uint8Array) => {
    out += String(c);
    return true;
  });
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((c: string | Uint8Array) => {
    err += String(c);
    return true;
  });
  try {
    await buildProgram()
      .exitOverride()
      .parseAsync(['node', 'kaifaqu', ...args]);
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
  const exitCode = Number(process.exitCode ?? 0);
  process.exitCode = 0;
  return { out, err, exitCode };
}

afterEach(() => {
  process.exitCode = 0;
});

describe('kaifaqu evaluate', () => {
  it('--json prints a score and rank for every indicator and aggregate, treatments, screening and the pipeline', async () => {
    const { out, exitCode } = await run(['evaluate', '--data', DATA, '--meta', META, '--json']);
    expect(exitCode).toBe(0);
    const j = JSON.parse(out);
    expect(j.units).toHaveLength(51);
    expect(Object.keys(j.units[0].scores)).toHaveLength(49 + 11);
    expect(Object.keys(j.units[0].ranks)).toHaveLength(60);
    expect(j.treated[0]).toMatchObject({
      iCode: expect.any(String),
      method: expect.stringMatching(/winsorise|log/),
      points: expect.any(Number),
    });
    expect(j.screenedOut).toEqual([]);
    expect(j.pipeline).toMatchObject({
      name: 'coinr-default',
      screen: { threshold: 0.9 },
      normalise: { method: 'minmax', min: 0, max: 100 },
    });
    const ranks = j.units.map((u: { ranks: { Index: number } }) => u.ranks.Index).sort((a: number, b: number) => a - b);
    expect(ranks[0]).toBe(1);
  });

  it('--pipeline reproduces COINr build_example_coin (CHE 68.38) and --out writes scores.csv, ranks.csv, report.md', async () => {
    const spec = join(tmp, 'coinr.json');
    writeFileSync(spec, JSON.stringify({ name: 'coinr-example', impute: { method: 'group-mean', group: 'EurAsia_group' } }));
    const dir = join(tmp, 'out');
    const { out } = await run(['evaluate', '--data', DATA, '--meta', META, '--pipeline', spec, '--out', dir, '--json']);
    const che = JSON.parse(out).units.find((u: { uCode: string }) => u.uCode === 'CHE');
    expect(che.scores.Index.toFixed(2)).toBe('68.38');
    expect(che.ranks.Index).toBe(1);
    const scores = readFileSync(join(dir, 'scores.csv'), 'utf8').split('\n');
    expect(scores[0].startsWith('uCode,uName,Index,Sust,Conn')).toBe(true);
    expect(scores[1].startsWith('CHE,Switzerland,68.38')).toBe(true);
    expect(readFileSync(join(dir, 'ranks.csv'), 'utf8').split('\n')[1].startsWith('CHE,Switzerland,1,')).toBe(true);
    const report = readFileSync(join(dir, 'report.md'), 'utf8');
    expect(report).toContain('## Top 10');
    expect(report).toContain('winsorised');
    expect(report).toContain('| 1 | CHE | Switzerland | 68.38 |');
  });

  it('--preset mofcom-2021 uses its own (assumed) framework when --meta is omitted', async () => {
    const meta = getPreset('mofcom-2021').meta;
    if (!meta) throw new Error('preset without framework');
    const syn = syntheticInput(4, 40, meta.indicators.length, 5);
    const values = Object.fromEntries(meta.indicators.map((c, i) => [c, syn.data.values[`I${i + 1}`]]));
    const groups = { Region: syn.data.groups.Region, Province: syn.data.groups.Region.map(() => '广东') };
    const file = join(tmp, 'mofcom_iData.csv');
    writeFileSync(file, toCsv({ meta, data: { ...syn.data, groups, values } }).iData);
    const { out, exitCode } = await run(['evaluate', '--data', file, '--preset', 'mofcom-2021', '--json']);
    expect(exitCode).toBe(0);
    const j = JSON.parse(out);
    expect(j.pipeline.name).toBe('mofcom-2021');
    expect(Object.keys(j.units[0].scores)).toEqual(
      expect.arrayContaining(['Index', 'Opening', 'Innovation', 'Green', 'Coordination', 'Quality']),
    );
    expect(j.units[0].groupRanks.Region.Index).toBeGreaterThan(0);
  });

  it('a malformed input exits 2 with every problem as file:row:column and prints no result', async () => {
    const m = join(tmp, 'bad_meta.csv');
    const d = join(tmp, 'bad_data.csv');
    writeFileSync(
      m,
      'iCode,iName,Type,Level,Parent,Direction,Weight,Denominator\nA,A,Indicator,1,Index,1,x,\nB,B,Indicator,1,Index,5,1,\nIndex,I,Aggregate,2,,1,1,\n',
    );
    writeFileSync(d, 'uCode,uName,A,B\nX,X,1,2\nX,Y,abc,3\n');
    const { out, err, exitCode } = await run(['evaluate', '--data', d, '--meta', m, '--json']);
    expect(exitCode).toBe(2);
    expect(out).toBe('');
    expect(err).toContain(`${m}:2:Weight`);
    expect(err).toContain(`${m}:3:Direction`);
    expect(err).toContain(`${d}:3:uCode`);
    expect(err).toMatch(/problem\(s\) found, nothing computed/);
  });

  it('a pipeline that cannot apply fails naming the aggregate', async () => {
    const spec = join(tmp, 'geo.json');
    writeFileSync(spec, JSON.stringify({ aggregate: { method: 'geometric' } }));
    const { err, exitCode } = await run(['evaluate', '--data', DATA, '--meta', META, '--pipeline', spec]);
    expect(exitCode).toBe(2);
    expect(err).toMatch(/geometric mean needs positive values/);
    expect(err).toMatch(/Physical|ConEcFin|Political|Instit|P2P|Environ|Social|SusEcFin/);
  });
});

describe('kaifaqu evaluate uncertainty / whatif / path / stats / preset', () => {
  it('uncertainty prints reproducible rank intervals', async () => {
    const args = ['evaluate', 'uncertainty', '--data', DATA, '--meta', META, '--runs', '300', '--seed', '1', '--workers', '1', '--json'];
    const a = await run(args);
    const b = await run(args);
    expect(a.exitCode).toBe(0);
    expect(a.out).toBe(b.out);
    const j = JSON.parse(a.out);
    expect(j.runs).toBe(300);
    expect(j.units).toHaveLength(51);
    expect(j.units[0]).toMatchObject({ uCode: expect.any(String), nominal: 1 });
    for (const u of j.units) expect(u.p05).toBeLessThanOrEqual(u.p95);
  });

  it('uncertainty takes the alternatives to vary from a JSON file', async () => {
    const alt = join(tmp, 'alt.json');
    writeFileSync(
      alt,
      JSON.stringify({
        impute: [{ method: 'indicator-median' }],
        treat: [false],
        normalise: [{ method: 'minmax', min: 0, max: 100 }],
        aggregate: ['arithmetic'],
        weightNoise: 0,
      }),
    );
    const { out } = await run([
      'evaluate',
      'uncertainty',
      '--data',
      DATA,
      '--meta',
      META,
      '--runs',
      '20',
      '--alternatives',
      alt,
      '--workers',
      '1',
      '--json',
    ]);
    const j = JSON.parse(out);
    expect(j.alternatives).toMatchObject({ treat: ['off'], aggregate: ['arithmetic'], weightNoise: 0 });
    // nothing varies: every interval collapses to one rank
    for (const u of j.units) expect(u.p05).toBe(u.p95);
    writeFileSync(alt, JSON.stringify({ aggregate: ['mean'] }));
    const bad = await run(['evaluate', 'uncertainty', '--data', DATA, '--meta', META, '--alternatives', alt]);
    expect(bad.exitCode).toBe(2);
    expect(bad.err).toContain(`${alt}:`);
  });

  it('uncertainty with --sensitivity names the choice that moves ranks most', async () => {
    const { out } = await run([
      'evaluate',
      'uncertainty',
      '--data',
      DATA,
      '--meta',
      META,
      '--runs',
      '100',
      '--sensitivity',
      '100',
      '--workers',
      '1',
    ]);
    expect(out).toContain('Sensitivity (Saltelli');
    expect(out).toMatch(/\| (aggregate|normalise|weights|treat|impute) \|/);
  });

  it('whatif shows before/after scores and ranks', async () => {
    const { out } = await run(['evaluate', 'whatif', '--data', DATA, '--meta', META, '--unit', 'GBR', '--set', 'LPI=4.5', '--json']);
    const j = JSON.parse(out);
    expect(j.incremental).toBe(true);
    expect(j.after.scores.Index).toBeGreaterThan(j.before.scores.Index);
  });

  it('path lists single-indicator changes that reach the target', async () => {
    const { out } = await run(['evaluate', 'path', '--data', DATA, '--meta', META, '--unit', 'GBR', '--target', '12', '--json']);
    const j = JSON.parse(out);
    expect(j.targetRank).toBe(12);
    expect(j.steps[0].newRank).toBeLessThanOrEqual(12);
  });

  it('stats and preset', async () => {
    const s = JSON.parse((await run(['evaluate', 'stats', '--data', DATA, '--meta', META, '--json'])).out);
    expect(s.raw.find((x: { iCode: string }) => x.iCode === 'Flights')).toMatchObject({ n: 51, missing: 0 });
    const metaOut = join(tmp, 'mofcom_iMeta.csv');
    const p = await run(['evaluate', 'preset', 'mofcom-2021', '--meta-out', metaOut]);
    expect(JSON.parse(p.out).name).toBe('mofcom-2021');
    expect(p.err).toContain('ASSUMPTION');
    expect(readFileSync(metaOut, 'utf8')).toContain('对外开放');
  });
});

describe('kaifaqu evaluate (spawned binary)', () => {
  it('runs uncertainty on 2 worker threads with the same result as one thread', async () => {
    const bin = fileURLToPath(new URL('../../bin/kaifaqu.js', import.meta.url));
    const exec = promisify(execFile);
    const args = [bin, 'evaluate', 'uncertainty', '--data', DATA, '--meta', META, '--runs', '600', '--seed', '1', '--json'];
    const [two, one] = await Promise.all([exec('node', [...args, '--workers', '2']), exec('node', [...args, '--workers', '1'])]);
    expect(JSON.parse(two.stdout)).toEqual(JSON.parse(one.stdout));
  }, 120_000);
});
