import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';

/**
 * Hot queries (the session lookup, list pages) as prepared statements, built once per database object and `key`
 * and then only executed. Building the SQL of a wide select over five tables was a tenth of a list request's CPU,
 * and PostgreSQL parses and plans a named statement once per connection (planning was 1.5 ms of the project page's
 * 2.7 ms; it may keep a generic plan after five runs, so only for queries whose best plan does not depend on the
 * values). The values are placeholders: the key must name everything that changes the text (which filters are
 * present). Bounded, because every distinct statement stays prepared on every pooled connection.
 */
const MAX_KEYS = 500;
const built = new WeakMap<object, Map<string, unknown>>();

export function preparedOnce<P>(db: object, key: string, build: (name: string) => P): P {
  let byKey = built.get(db);
  if (!byKey) {
    byKey = new Map();
    built.set(db, byKey);
  }
  let p = byKey.get(key) as P | undefined;
  if (!p) {
    p = build(`kfq_${createHash('sha1').update(key).digest('base64url').slice(0, 22)}`);
    if (byKey.size < MAX_KEYS) byKey.set(key, p);
  }
  return p;
}

/**
 * For a condition builder that takes each value by name: collects the values it asks for, so the count can run with
 * the values and the prepared page with placeholders of the same names; `names()` (the filters present) is the key
 * of the prepared page.
 */
export function collectValues() {
  const values: Record<string, unknown> = {};
  return {
    values,
    // An array is one parameter (drizzle would spread a bare array into a list).
    value: (name: string, v: unknown) => {
      values[name] = v;
      return Array.isArray(v) ? sql.param(v) : v;
    },
    names: () => Object.keys(values).join(','),
  };
}

/**
 * Page sizes in common use (the web's lists, the API's default) as SQL literals, for a prepared page statement.
 * With `limit $n` PostgreSQL assumes a tenth of the rows will be read and plans every call afresh (0.5–1.9 ms);
 * with the size written into the text it keeps one generic plan. Other sizes get none (the caller plans them
 * per call), so a client cannot multiply the prepared statements.
 */
const PAGE_SIZES = new Map([
  [10, sql.raw('10')],
  [15, sql.raw('15')],
  [20, sql.raw('20')],
  [50, sql.raw('50')],
]);
export const pageSizeLiteral = (size: number) => PAGE_SIZES.get(size);
