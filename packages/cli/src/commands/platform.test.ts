import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const bin = join(import.meta.dirname, '../../bin/kaifaqu.js');
const dir = mkdtempSync(join(tmpdir(), 'kfq-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('kaifaqu overview --json', () => {
  it('seeds an empty embedded database and prints the figures computed from records', async () => {
    // Always the embedded database here: the PostgreSQL path of the same code is covered by the server tests.
    const env = { ...process.env, DATA_DIR: dir, DATABASE_URL: '' };
    const { stdout } = await run(process.execPath, [bin, 'overview', '--zone', 'demo', '--json'], { env, timeout: 240_000 });
    const o = JSON.parse(stdout);
    expect(o).toMatchObject({
      zone: 'demo',
      fortune500Projects: 330,
      listedCompanies: 88,
      aboveScaleIndustrial: { enterprises: 1334, divisions: 32, groups: 135, classes: 297 },
    });
    expect(o.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(o.actualFdiUsdByYear['2023']).toBeGreaterThan(3e9);
    expect(o.clusters[0]).toEqual({
      code: 'auto',
      name: '汽车',
      outputYuan: expect.any(Number),
      enterprises: expect.any(Number),
      tier: '千亿级',
    });
    const bad = await run(process.execPath, [bin, 'overview', '--zone', 'nope', '--json'], { env }).catch((e) => e);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('no such zone');
  }, 300_000);
});
