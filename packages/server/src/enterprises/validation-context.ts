import type { ValidationContext } from '@kaifaqu/core/enterprises';
import { countryRows, divisionRows, industryTable } from '@kaifaqu/db/reference';

let ctx: ValidationContext | undefined;

/** Industry table, GB/T 2260 division check (any code under a known city, as firms keep codes of abolished counties) and country names. */
export function validationContext(): ValidationContext {
  if (ctx) return ctx;
  const divisions = divisionRows();
  const cities = new Set(divisions.filter((d) => d.level === 2).map((d) => d.code.slice(0, 4)));
  const known = new Set(divisions.map((d) => d.code));
  const countries = new Map<string, string>();
  for (const c of countryRows()) for (const k of [c.code, c.alpha3, c.nameZh, c.nameEn.toLowerCase()]) countries.set(k, c.code);
  const aliases: Record<string, string> = {
    香港: 'HK',
    中国香港: 'HK',
    香港特别行政区: 'HK',
    澳门: 'MO',
    中国澳门: 'MO',
    澳门特别行政区: 'MO',
    台湾: 'TW',
    中国台湾: 'TW',
    台湾地区: 'TW',
    美国: 'US',
    英国: 'GB',
    韩国: 'KR',
    德国: 'DE',
    日本: 'JP',
    新加坡: 'SG',
    法国: 'FR',
    荷兰: 'NL',
    瑞士: 'CH',
    意大利: 'IT',
    维尔京群岛: 'VG',
    英属维尔京群岛: 'VG',
    开曼群岛: 'KY',
  };
  for (const [k, v] of Object.entries(aliases)) countries.set(k, v);
  ctx = {
    industries: industryTable(),
    usccOptions: { isDivision: (c) => known.has(c) || cities.has(c.slice(0, 4)) || c.slice(2, 4) === '90' },
    country: (s) => countries.get(s) ?? countries.get(s.toLowerCase()) ?? countries.get(s.toUpperCase()),
  };
  return ctx;
}
