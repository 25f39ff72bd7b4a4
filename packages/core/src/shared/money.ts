/** Money is stored as integer yuan (or US$ for FDI series); these format it the way bureaus write it. */
export function yuanToWan(yuan: number): number {
  return yuan / 10_000;
}
export function yuanToYi(yuan: number): number {
  return yuan / 100_000_000;
}
export function formatYuan(yuan: number, unit: '万元' | '亿元' = '亿元', digits = 2): string {
  const v = unit === '万元' ? yuanToWan(yuan) : yuanToYi(yuan);
  return `${v.toLocaleString('zh-CN', { minimumFractionDigits: digits, maximumFractionDigits: digits })}${unit}`;
}
export function formatUsd(usd: number, digits = 2): string {
  return `${(usd / 100_000_000).toLocaleString('zh-CN', { minimumFractionDigits: digits, maximumFractionDigits: digits })}亿美元`;
}
