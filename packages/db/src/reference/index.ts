import { sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { countryRows } from './countries.ts';
import { divisionRows } from './divisions.ts';
import { industryRows } from './industries.ts';
import { countries, divisions, industries } from './schema.ts';

export * from './countries.ts';
export * from './divisions.ts';
export * from './industries.ts';

async function insertChunked<T extends object>(db: Db, table: Parameters<Db['insert']>[0], rows: T[], size = 500) {
  for (let i = 0; i < rows.length; i += size) {
    await db
      .insert(table)
      .values(rows.slice(i, i + size) as never)
      .onConflictDoNothing();
  }
}

/** Loads the reference tables when empty (idempotent). */
export async function loadReferenceData(db: Db): Promise<{ industries: number; divisions: number; countries: number }> {
  const count = async (t: typeof industries | typeof divisions | typeof countries) =>
    Number((await db.select({ n: sql<number>`count(*)` }).from(t))[0].n);
  if ((await count(industries)) === 0) await insertChunked(db, industries, industryRows());
  if ((await count(divisions)) === 0) await insertChunked(db, divisions, divisionRows());
  if ((await count(countries)) === 0) await insertChunked(db, countries, countryRows());
  return { industries: await count(industries), divisions: await count(divisions), countries: await count(countries) };
}
