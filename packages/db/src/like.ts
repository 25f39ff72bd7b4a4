/** `%q%` for LIKE / ILIKE with the query's own `%`, `_` and `\` taken literally (`\` is PostgreSQL's default escape). */
export const containsPattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
