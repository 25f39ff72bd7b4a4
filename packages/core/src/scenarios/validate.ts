import { type Issue, ValidationError } from '../shared/errors.ts';
import type { ScenarioItem } from './types.ts';

/** Longer texts are almost always pasted documents, not list entries, and would dominate BM25 length norms. */
export const MAX_TEXT_LENGTH = 20_000;

function checkText(value: unknown, path: (string | number)[], issues: Issue[], required = true): void {
  if (typeof value !== 'string' || value.trim() === '') {
    if (required) issues.push({ path, message: '不能为空', messageEn: 'must not be empty', code: 'empty', value });
    return;
  }
  if (value.length > MAX_TEXT_LENGTH) {
    issues.push({
      path,
      message: `过长（${value.length} 字符，上限 ${MAX_TEXT_LENGTH}）`,
      messageEn: `too long (${value.length} characters, limit ${MAX_TEXT_LENGTH})`,
      code: 'too_long',
    });
  }
}

function fail(issues: Issue[]): never {
  throw new ValidationError(issues, undefined, issues.map((i) => `${i.path.join('.')}: ${i.messageEn}`).join('; '));
}

/** Rejects empty or oversized query text with a bilingual reason. */
export function validateQueryText(text: unknown, path: (string | number)[] = ['text']): string {
  const issues: Issue[] = [];
  checkText(text, path, issues);
  if (issues.length) fail(issues);
  return (text as string).trim();
}

/** Checks one item's shape; the title must be non-empty, the description may be empty but not oversized. */
export function validateItem(item: unknown, path: (string | number)[] = []): ScenarioItem {
  const issues: Issue[] = [];
  const it = (item ?? {}) as Record<string, unknown>;
  if (typeof it.id !== 'string' || it.id === '') issues.push({ path: [...path, 'id'], message: '缺少编号', messageEn: 'missing id' });
  if (it.kind !== 'need' && it.kind !== 'capability') {
    issues.push({
      path: [...path, 'kind'],
      message: '类型须为 need 或 capability',
      messageEn: 'kind must be need or capability',
      value: it.kind,
    });
  }
  checkText(it.title, [...path, 'title'], issues);
  checkText(it.description ?? '', [...path, 'description'], issues, false);
  const tags = it.tags ?? [];
  if (!Array.isArray(tags) || tags.some((t) => typeof t !== 'string')) {
    issues.push({ path: [...path, 'tags'], message: '标签须为字符串数组', messageEn: 'tags must be an array of strings' });
  } else if (tags.join('').length > MAX_TEXT_LENGTH) {
    issues.push({ path: [...path, 'tags'], message: '标签过长', messageEn: 'tags too long', code: 'too_long' });
  }
  if (it.industry != null && (typeof it.industry !== 'string' || !/^([A-T]|\d{2,4})$/.test(it.industry))) {
    issues.push({
      path: [...path, 'industry'],
      message: '行业代码须为 GB/T 4754 门类字母或 2–4 位数字',
      messageEn: 'industry must be a GB/T 4754 section letter or 2–4 digit code',
      value: it.industry,
    });
  }
  if (issues.length) fail(issues);
  return {
    id: it.id as string,
    kind: it.kind as ScenarioItem['kind'],
    title: it.title as string,
    description: (it.description as string | undefined) ?? '',
    tags: tags as string[],
    industry: (it.industry as string | null | undefined) ?? null,
  };
}
