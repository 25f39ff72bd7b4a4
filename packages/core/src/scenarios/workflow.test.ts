import { describe, expect, it } from 'vitest';
import { ValidationError } from '../shared/errors.ts';
import { assertItemTransition, assertMatchMove, sanitizeText, stageConversion } from './workflow.ts';

describe('sanitizeText', () => {
  const evil = [
    '<script>alert(1)</script>无人机',
    '<img src=x onerror=alert(1)>无人机',
    '&lt;script&gt;alert(1)&lt;/script&gt;无人机',
    '<scr<script>ipt>alert(1)</script>>无人机',
    '<a href="javascript:alert(1)" onclick="x()">无人机</a>',
    '<svg onload=alert(1)><circle/></svg>无人机',
    '<svg onload=alert(1)>无人机',
    '<iframe src="//evil"></iframe>无人机<script',
  ];
  it.each(evil)('keeps no markup or handlers: %s', (s) => {
    const out = sanitizeText(s);
    expect(out).toContain('无人机');
    expect(out).not.toMatch(/<\s*script|onerror=|onload=|onclick=|<iframe|<img|<svg|javascript:/i);
    expect(out).not.toMatch(/<[a-z]/i);
  });
  it('keeps paragraphs as lines and plain comparisons', () => {
    expect(sanitizeText('<p>第一段</p><p>第二段<br>续</p>')).toBe('第一段\n第二段\n续');
    expect(sanitizeText('续航 < 30 分钟 & 载重 > 5 kg')).toBe('续航 < 30 分钟 & 载重 > 5 kg');
  });
});

describe('state machines', () => {
  it('items: published can only be withdrawn/closed/moved on', () => {
    expect(() => assertItemTransition('draft', 'pending')).not.toThrow();
    expect(() => assertItemTransition('pending', 'published')).not.toThrow();
    expect(() => assertItemTransition('published', 'withdrawn')).not.toThrow();
    expect(() => assertItemTransition('published', 'draft')).toThrow(ValidationError);
    expect(() => assertItemTransition('draft', 'published')).toThrow(/不能从「草稿」改为「已发布」/);
    expect(() => assertItemTransition('withdrawn', 'published')).toThrow(ValidationError);
  });
  it('matches: forward or failed, never back', () => {
    expect(() => assertMatchMove('recommended', 'contacted')).not.toThrow();
    expect(() => assertMatchMove('recommended', 'negotiating')).not.toThrow();
    expect(() => assertMatchMove('pilot', 'failed')).not.toThrow();
    expect(() => assertMatchMove('negotiating', 'contacted')).toThrow(/退回/);
    expect(() => assertMatchMove('signed', 'failed')).toThrow(ValidationError);
  });
  it('conversion per stage', () => {
    const c = stageConversion({ recommended: 10, contacted: 5, negotiating: 2, pilot: 1, signed: 0 });
    expect(c.map((x) => x.rate)).toEqual([null, 0.5, 0.4, 0.5, 0]);
  });
});
