import { useLang } from './index.tsx';

/** A bilingual label table: code → [Chinese, English]. */
export type Labels = Record<string, [string, string]>;

/**
 * What a page module's `useI()` returns, from its own Chinese and English dictionaries: `t(key, vars)` fills `{name}`
 * placeholders, `label(table, code)` picks a label pair's side (— for none, the code itself when unknown), and `l`
 * picks the side of a `{zh, en}` pair sent by the server.
 */
export function useModuleI18n<K extends string>(zh: Record<K, string>, en: Record<K, string>) {
  const [lang] = useLang();
  const dict = lang === 'en' ? en : zh;
  return {
    lang,
    t: (key: K, vars?: Record<string, string | number>) =>
      Object.entries(vars ?? {}).reduce((s, [k, v]) => s.replace(`{${k}}`, String(v)), dict[key]),
    label: (m: Labels, k: string | null | undefined) => (k == null ? '—' : (m[k]?.[lang === 'en' ? 1 : 0] ?? k)),
    l: (x: { zh: string; en: string } | undefined, fallback = '') => (x ? (lang === 'en' ? x.en : x.zh) : fallback),
  };
}
