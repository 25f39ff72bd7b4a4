import { createRequire } from 'node:module';
import countries from 'i18n-iso-countries';

const require = createRequire(import.meta.url);
countries.registerLocale(require('i18n-iso-countries/langs/zh.json'));
countries.registerLocale(require('i18n-iso-countries/langs/en.json'));

export interface CountryRow {
  code: string;
  alpha3: string;
  numeric: string;
  nameZh: string;
  nameEn: string;
}

/** ISO 3166-1 countries and regions with Chinese names from i18n-iso-countries (zh locale). */
export function countryRows(): CountryRow[] {
  const zh = countries.getNames('zh', { select: 'official' });
  return Object.keys(zh)
    .sort()
    .map((code) => ({
      code,
      alpha3: countries.alpha2ToAlpha3(code) ?? code,
      numeric: countries.alpha2ToNumeric(code) ?? '',
      nameZh: zh[code],
      nameEn: countries.getName(code, 'en', { select: 'official' }) ?? code,
    }));
}
