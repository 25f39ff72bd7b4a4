// Hostile-input harness (issue 11): ≥ 1,000 generated malformed spreadsheets through the real import API.
// Every response must be < 500, and a file that is rejected (at upload or at commit) must leave no row behind.
import { appendFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, createTestApp, type TestApp } from '../testing.ts';
import { CORPUS_SIZE, malformedCorpus } from './malformed-corpus.ts';
import { readerLimits } from './reader.ts';

let t: TestApp;
let admin: Agent;
beforeAll(async () => {
  // Damaged worksheets that stall exceljs are refused after this much silence (10 s in production).
  readerLimits.idleMs = 2_000;
  t = await createTestApp({ seed: 'small' });
  admin = await t.as('demo-admin');
});
afterAll(() => t?.close());

const URL = '/api/zones/demo/enterprises';

function multipart(filename: string, body: Buffer) {
  const boundary = '----kfqcorpus7d1c';
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename.replace(/"/g, '')}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    body,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const rowCount = async () =>
  Number(
    (
      await t.database.query<{ n: string | number }>(
        'select (select count(*) from enterprises) + (select count(*) from enterprise_years) + (select count(*) from enterprise_changes) as n',
      )
    )[0].n,
  );

describe('malformed spreadsheet corpus through the import API', () => {
  it(`${CORPUS_SIZE} files: no 5xx, nothing written from a rejected file`, { timeout: 900_000 }, async () => {
    expect(CORPUS_SIZE).toBeGreaterThanOrEqual(1000);
    const started = performance.now();
    const byCategory = new Map<string, { files: number; rejectedAtUpload: number; rejectedAtCommit: number; accepted: number }>();
    const serverErrors: string[] = [];
    const leaks: string[] = [];
    let files = 0;
    let bytes = 0;
    let slowest = 0;
    for await (const f of malformedCorpus()) {
      files++;
      bytes += f.body.length;
      const c = byCategory.get(f.category) ?? { files: 0, rejectedAtUpload: 0, rejectedAtCommit: 0, accepted: 0 };
      byCategory.set(f.category, c);
      c.files++;
      const before = await rowCount();
      if (process.env.KFQ_CORPUS_TRACE) appendFileSync(process.env.KFQ_CORPUS_TRACE, `${files} ${f.category}/${f.name} ${f.body.length}\n`);
      const t0 = performance.now();
      const up = await admin.inject({ method: 'POST', url: `${URL}/imports`, ...multipart(f.name, f.body) });
      slowest = Math.max(slowest, performance.now() - t0);
      if (up.statusCode >= 500) serverErrors.push(`${f.category}/${f.name} upload ${up.statusCode} ${up.body.slice(0, 200)}`);
      let rejected = up.statusCode !== 201;
      if (up.statusCode === 201) {
        const id = up.json().data.id as number;
        const commit = await admin.inject({ method: 'POST', url: `${URL}/imports/${id}/commit`, payload: {} });
        if (commit.statusCode >= 500) serverErrors.push(`${f.category}/${f.name} commit ${commit.statusCode} ${commit.body.slice(0, 200)}`);
        if (commit.statusCode === 200) c.accepted++;
        else {
          rejected = true;
          c.rejectedAtCommit++;
        }
      } else {
        c.rejectedAtUpload++;
        expect(up.json().error?.message, `${f.category}/${f.name}`).toBeTypeOf('string');
      }
      if (rejected && (await rowCount()) !== before) leaks.push(`${f.category}/${f.name}`);
    }
    const seconds = (performance.now() - started) / 1000;
    const table = [...byCategory].map(
      ([k, v]) =>
        `${k.padEnd(26)} ${String(v.files).padStart(4)} ${String(v.rejectedAtUpload).padStart(6)} ${String(v.rejectedAtCommit).padStart(6)} ${String(v.accepted).padStart(6)}`,
    );
    console.log(
      [
        `malformed corpus: ${files} files, ${(bytes / 1024 / 1024).toFixed(1)} MB, ${seconds.toFixed(1)} s (load ${(await import('node:os')).loadavg()[0].toFixed(2)})`,
        `  5xx: ${serverErrors.length}, rows written from rejected files: ${leaks.length}, slowest upload ${(slowest / 1000).toFixed(1)} s`,
        `${'category'.padEnd(26)} files upl4xx com4xx accept`,
        ...table,
      ].join('\n'),
    );
    expect(files).toBe(CORPUS_SIZE);
    expect(serverErrors).toEqual([]);
    expect(leaks).toEqual([]);
  });
});
