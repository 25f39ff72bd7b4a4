import { describe, expect, it } from 'vitest';
import { formatMoney, headlineYear } from './format.ts';

describe('formatMoney', () => {
  it('shows yuan as 亿元 and US$ as 亿美元 with two decimals in Chinese', () => {
    expect(formatMoney(895_000_000_000, 'zh', 'cny')).toBe('8,950.00亿元');
    expect(formatMoney(3_050_000_000, 'zh', 'usd')).toBe('30.50亿美元');
  });
  it('shows billions in English', () => {
    expect(formatMoney(3_050_000_000, 'en', 'usd')).toBe('US$3.05 bn');
  });
});

describe('headlineYear', () => {
  it('prefers the complete data year over a newer partial year', () => {
    expect(headlineYear({ 2023: 1, 2024: 2 }, 2023)).toBe('2023');
  });
  it('falls back to the latest year', () => {
    expect(headlineYear({ 2022: 1, 2024: 2 }, 2023)).toBe('2024');
  });
});
