import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../testing.ts';

const run = runCli;

afterEach(() => {
  process.exitCode = 0;
});

describe('kaifaqu calendar', () => {
  it('add-working-days --json crosses National Day 2024', async () => {
    const r = await run(['calendar', 'add-working-days', '2024-09-30', '1', '--json']);
    expect(JSON.parse(r.out)).toEqual({ date: '2024-10-08' });
    expect(r.exitCode).toBe(0);
  });
  it('add-working-days counts a make-up Saturday (2026-02-14) and prints the bare date without --json', async () => {
    expect((await run(['calendar', 'add-working-days', '2026-02-13', '1'])).out).toBe('2026-02-14\n');
  });
  it('add-working-days takes a negative n after --', async () => {
    expect((await run(['calendar', 'add-working-days', '--json', '--', '2024-10-08', '-1'])).out).toContain('"2024-09-30"');
  });
  it('working-days --json', async () => {
    const r = await run(['calendar', 'working-days', '2025-01-24', '2025-02-08', '--json']);
    // 01-26 (Sun make-up), 01-27, 02-05, 02-06, 02-07, 02-08 (Sat make-up)
    expect(JSON.parse(r.out)).toEqual({ days: 6 });
  });
  it('refuses a count into 2027 in both languages, exit 2', async () => {
    const r = await run(['calendar', 'add-working-days', '2026-12-30', '5', '--json']);
    expect(r.out).toBe('');
    expect(r.error).toBe('未加载2027年工作日历 (calendar for 2027 not loaded)');
    expect(r.exitCode).toBe(2);
  });
  it('rejects a bad date and a bad n', async () => {
    expect((await run(['calendar', 'working-days', '2024-01-01', '2024-02-30'])).error).toContain('to: 日期“2024-02-30”无效');
    expect((await run(['calendar', 'add-working-days', '2024-01-01', 'x'])).error).toContain('应为整数');
  });
  it('loads admin overrides for 2027 from --overrides', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kaifaqu-cal-'));
    const file = join(dir, '2027.json');
    writeFileSync(file, JSON.stringify({ year: 2027, holidays: ['2027-01-01'], workdays: [] }));
    expect(JSON.parse((await run(['calendar', 'add-working-days', '2026-12-31', '1', '--json', '--overrides', file])).out)).toEqual({
      date: '2027-01-04',
    });
    writeFileSync(file, JSON.stringify({ year: 2027, holidays: ['2026-12-31'] }));
    expect((await run(['calendar', 'working-days', '2026-12-01', '2026-12-31', '--overrides', file])).error).toContain(
      'holidays.0: 日期2026-12-31不在2027年内',
    );
  });
  it('deadline with a 补正 pause', async () => {
    const r = await run(['calendar', 'deadline', '2024-09-20', '10', '--pause', '2024-09-24..2024-09-26', '--json']);
    expect(JSON.parse(r.out)).toEqual({ date: '2024-10-14' });
  });
});

describe('kaifaqu calendar (spawned binary)', () => {
  it('exits 2 with the bilingual message on stderr and nothing on stdout', async () => {
    const { spawnSync } = await import('node:child_process');
    const r = spawnSync(
      process.execPath,
      [new URL('../../bin/kaifaqu.js', import.meta.url).pathname, 'calendar', 'working-days', '2026-12-01', '2027-01-10', '--json'],
      {
        encoding: 'utf8',
      },
    );
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('未加载2027年工作日历 (calendar for 2027 not loaded)');
  });
});
