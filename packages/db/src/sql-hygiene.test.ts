// SQL only through parameterised queries: scans the source of every package (tests and migrations excluded) for
// SQL built from strings — interpolated or concatenated text handed to sql.raw(), .query(), .execute() or .unsafe(),
// and untagged template literals that start like SQL and interpolate. Documented exceptions are allow-listed
// below with the reason; anything new fails this test until it is rewritten with sql`…${param}` or justified here.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');

interface Allowed {
  file: string;
  /** Matches the flagged snippet. */
  match: RegExp;
  reason: string;
}

/** Every entry is an identifier or SQL fragment built from constants in the code, never from request data. */
const ALLOWED: Allowed[] = [
  {
    file: 'packages/db/src/enterprises/repo.ts',
    match: /INSERT_COLS\.map\(snake\)|keys\.map\(snake\)|`update set \$\{/,
    reason: 'column lists from the fixed INSERT_COLS / YEAR_KEYS field lists (camelCase → snake_case); values go in one JSON parameter',
  },
  {
    file: 'packages/db/src/enterprises/repo.ts',
    match: /^d\.def$/,
    reason:
      'bulk import on PGlite rebuilds secondary indexes from their pg_indexes.indexdef, read from the catalog in the same transaction',
  },
  {
    file: 'packages/db/src/enterprises/repo.ts',
    match: /SORTS\[sort\]\} \$\{dir\}, \$\{tie\}/,
    reason:
      'ORDER BY from the fixed SORTS map (key validated by zod enum), a fixed tie-break column (e.id or y.enterprise_id) and a fixed asc/desc literal',
  },
  {
    file: 'packages/db/src/enterprises/repo.ts',
    match: /\$\{statement\} from/,
    reason:
      'bulk import COPY: `statement` is one of the three constant COPY_* texts (fixed column lists); the rows travel as COPY data, not SQL',
  },
  {
    file: 'packages/db/src/investment/schema.ts',
    match: /regexp_replace\(lower\(\$\{col\}\)/,
    reason: 'index expression in the schema; `col` is a column name literal in the same file',
  },
  {
    file: 'packages/db/src/scale/generate.ts',
    match: /ORG_WEIGHTS|USCC_WEIGHTS|::bit\(28\)::int|STAGES\.map|SCENARIO_STATES\.map|vacuum \(analyze\) \$\{/,
    reason: 'synthetic-data generator: fragments from constant weight/stage tables and a fixed table list; no input reaches them',
  },
  {
    file: 'packages/db/src/testing.ts',
    match: /(CREATE|DROP) DATABASE/,
    reason: 'test database name is generated (kfq_test_<pid>_<random hex>); CREATE/DROP DATABASE takes no parameters',
  },
];

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'node_modules' && e.name !== 'migrations') out.push(...sourceFiles(p));
    } else if (/\.(ts|tsx|js|mjs)$/.test(e.name) && !/\.(test|spec|fuzz\.test)\.tsx?$/.test(e.name) && !/\.d\.ts$/.test(e.name))
      out.push(p);
  }
  return out;
}

/** The argument text of the call whose "(" is at `open`, up to the matching ")". */
function argument(text: string, open: number): string {
  let depth = 0;
  let quote: string | null = null;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
      continue;
    }
    if (c === "'" || c === '"' || c === '`') quote = c;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return text.slice(open + 1, i);
  }
  return text.slice(open + 1);
}

/** First top-level argument (before a comma outside brackets/strings). */
function firstArg(arg: string): string {
  let depth = 0;
  let quote: string | null = null;
  for (let i = 0; i < arg.length; i++) {
    const c = arg[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
      continue;
    }
    if (c === "'" || c === '"' || c === '`') quote = c;
    else if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) depth--;
    else if (c === ',' && depth === 0) return arg.slice(0, i);
  }
  return arg;
}

const plainLiteral = /^\s*(?:'[^'\\]*'|"[^"\\]*"|`[^`$\\]*`)\s*$/;
const builtString = (s: string) => /`[^`]*\$\{/.test(s) || /['"`]\s*\+|\+\s*['"`]/.test(s);
const SQL_START = /(?:[(=,:?]|return)\s*`\s*(select|insert|update|delete|create|drop|alter|truncate|vacuum)\s[^`]*\$\{/gi;

interface Finding {
  file: string;
  line: number;
  kind: string;
  snippet: string;
}

function scan(files: string[]): Finding[] {
  return files.flatMap((path) => scanSource(relative(root, path), readFileSync(path, 'utf8')));
}

function scanSource(file: string, text: string): Finding[] {
  const found: Finding[] = [];
  {
    const lineOf = (i: number) => text.slice(0, i).split('\n').length;
    for (const m of text.matchAll(/\bsql\.raw\(/g)) {
      const open = m.index + m[0].length - 1;
      const arg = argument(text, open);
      if (!plainLiteral.test(arg)) found.push({ file, line: lineOf(m.index), kind: 'sql.raw with built text', snippet: arg.trim() });
    }
    for (const m of text.matchAll(/\.(query|execute|unsafe)\(/g)) {
      const open = m.index + m[0].length - 1;
      const arg = firstArg(argument(text, open)).trim();
      if (arg.startsWith('sql`') || arg.startsWith('sql.')) continue;
      if (builtString(arg)) found.push({ file, line: lineOf(m.index), kind: `.${m[1]}() with built text`, snippet: arg });
    }
    for (const m of text.matchAll(SQL_START)) {
      const before = text.slice(Math.max(0, m.index - 8), m.index + 1);
      if (/sql\.raw\($/.test(before)) continue; // reported above
      if (found.some((f) => f.file === file && f.line === lineOf(m.index))) continue;
      found.push({ file, line: lineOf(m.index), kind: 'SQL template literal with interpolation', snippet: m[0].slice(0, 120) });
    }
  }
  return found;
}

describe('SQL is built only through parameterised queries', () => {
  const files = readdirSync(join(root, 'packages')).flatMap((p) => {
    try {
      return sourceFiles(join(root, 'packages', p, 'src'));
    } catch {
      return [];
    }
  });

  it('finds no string-built SQL outside the documented allow-list', () => {
    const findings = scan(files);
    const unexplained = findings.filter((f) => !ALLOWED.some((a) => a.file === f.file && a.match.test(f.snippet)));
    expect(files.length).toBeGreaterThan(50);
    expect(unexplained.map((f) => `${f.file}:${f.line} ${f.kind}: ${f.snippet.slice(0, 160)}`)).toEqual([]);
    console.log(`sql-hygiene: ${files.length} files scanned, ${findings.length} allow-listed findings, 0 unexplained`);
  });

  it('catches the patterns it claims to catch', () => {
    // \u0024 is "$": the probe lines are source text with ${…} placeholders in them
    const text = [
      'db.execute(sql.raw(`select * from t where id = \u0024{id}`));',
      "pool.query('select * from t where name = ' + name);",
      'client.query(`delete from t where id = \u0024{id}`, []);',
      'const q = `select * from users where name = \u0024{name}`;',
      'db.execute(sql`select * from t where id = \u0024{id}`);',
      "db.execute(sql.raw('select 1'));",
      "pool.query('select $1::int', [1]);",
    ].join('\n');
    const findings = scanSource('probe.ts', text);
    expect(findings.map((f) => f.line)).toEqual([1, 2, 3, 4]);
  });

  it('every allow-list entry is still used (stale exceptions are removed)', () => {
    const findings = scan(files);
    for (const a of ALLOWED)
      expect(
        findings.some((f) => f.file === a.file && a.match.test(f.snippet)),
        a.file + a.match,
      ).toBe(true);
  });
});
