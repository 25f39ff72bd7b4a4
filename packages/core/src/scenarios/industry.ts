import type { IndustryRelation } from './types.ts';

// GB/T 4754-2017 大类 (2-digit) ranges per 门类; fixed by the standard, so the section is derivable from the code.
const SECTION_BY_DIVISION: [number, number, string][] = [
  [1, 5, 'A'],
  [6, 12, 'B'],
  [13, 43, 'C'],
  [44, 46, 'D'],
  [47, 50, 'E'],
  [51, 52, 'F'],
  [53, 60, 'G'],
  [61, 62, 'H'],
  [63, 65, 'I'],
  [66, 69, 'J'],
  [70, 70, 'K'],
  [71, 72, 'L'],
  [73, 75, 'M'],
  [76, 79, 'N'],
  [80, 82, 'O'],
  [83, 83, 'P'],
  [84, 85, 'Q'],
  [86, 90, 'R'],
  [91, 96, 'S'],
  [97, 97, 'T'],
];

/** The 门类 letter for a code (a letter is its own section); null if it is not a GB/T 4754 code. */
export function sectionOf(code: string | null | undefined): string | null {
  if (!code) return null;
  if (/^[A-T]$/.test(code)) return code;
  if (!/^\d{2,4}$/.test(code)) return null;
  const div = Number(code.slice(0, 2));
  for (const [lo, hi, s] of SECTION_BY_DIVISION) if (div >= lo && div <= hi) return s;
  return null;
}

/** Finest level two codes share: same 小类 (4 digits) > 中类 (3) > 大类 (2) > 门类; null when unrelated or missing. */
export function industryRelation(a: string | null | undefined, b: string | null | undefined): IndustryRelation | null {
  if (!a || !b) return null;
  const digits = /^\d{2,4}$/;
  if (digits.test(a) && digits.test(b)) {
    if (a.length === 4 && b.length === 4 && a === b) return 'class';
    if (a.length >= 3 && b.length >= 3 && a.slice(0, 3) === b.slice(0, 3)) return 'group';
    if (a.slice(0, 2) === b.slice(0, 2)) return 'division';
  }
  const sa = sectionOf(a);
  return sa !== null && sa === sectionOf(b) ? 'section' : null;
}

/** Boost fraction per relation; a shared 门类 (e.g. all of manufacturing) says little, hence the small weight. */
export const RELATION_WEIGHT: Record<IndustryRelation, number> = { class: 1, group: 0.6, division: 0.3, section: 0.1 };
