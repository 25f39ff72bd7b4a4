import type { Lang } from '../../../i18n/index.tsx';

/** How a money figure is shown: 亿元 / 亿美元 in Chinese, billions in English (亿 has no English word). */
export interface MoneyUnit {
  divisor: number;
  suffix: string;
  prefix: string;
}

export function moneyUnit(lang: Lang, currency: 'cny' | 'usd'): MoneyUnit {
  if (lang === 'zh') return { divisor: 1e8, prefix: '', suffix: currency === 'cny' ? '亿元' : '亿美元' };
  return { divisor: 1e9, prefix: currency === 'cny' ? '¥' : 'US$', suffix: ' bn' };
}

export function formatNumber(n: number, lang: Lang, digits = 0): string {
  return n.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export function formatMoney(amount: number, lang: Lang, currency: 'cny' | 'usd'): string {
  const u = moneyUnit(lang, currency);
  return `${u.prefix}${formatNumber(amount / u.divisor, lang, 2)}${u.suffix}`;
}

/** Chart values in display units, rounded so tooltips and labels do not show float noise. */
export function toUnit(amount: number, u: MoneyUnit): number {
  return Math.round((amount / u.divisor) * 100) / 100;
}

export function latestYear(byYear: Record<string, number>): string | undefined {
  return Object.keys(byYear).sort().at(-1);
}

/**
 * The FDI year a headline card shows: the data year when the series has it (a complete year, like every other
 * yearly figure on the page), else the latest year. The current year is usually partial (Jan–Oct).
 */
export function headlineYear(byYear: Record<string, number>, dataYear: number): string | undefined {
  return String(dataYear) in byYear ? String(dataYear) : latestYear(byYear);
}
