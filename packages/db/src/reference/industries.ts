import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type IndustryRow, IndustryTable } from '@kaifaqu/core/enterprises';
import { parse } from 'csv-parse/sync';

export const industriesCsvPath = resolve(dirname(fileURLToPath(import.meta.url)), '../../data/gbt4754-2017/industries.csv');

let cached: IndustryRow[] | undefined;

/** The GB/T 4754-2017 rows as shipped (data/gbt4754-2017, see its README for provenance). */
export function industryRows(): IndustryRow[] {
  if (!cached) {
    const records = parse(readFileSync(industriesCsvPath, 'utf8'), { columns: true, skip_empty_lines: true, bom: true }) as Record<
      string,
      string
    >[];
    cached = records.map((r) => ({
      code: r.code,
      name: r.name,
      level: r.level as IndustryRow['level'],
      parent: r.parent || null,
      section: r.section,
      remark: r.remark || null,
    }));
  }
  return cached;
}

let table: IndustryTable | undefined;
export function industryTable(): IndustryTable {
  table ??= new IndustryTable(industryRows());
  return table;
}
