import { describe, expect, it } from 'vitest';
import { createRng, formatYuan, ValidationError } from './index.ts';

describe('shared', () => {
  it('seeded rng is reproducible', () => {
    const a = createRng(42);
    const b = createRng(42);
    expect([a.next(), a.int(1, 6)]).toEqual([b.next(), b.int(1, 6)]);
  });
  it('formats yuan as 亿元', () => {
    expect(formatYuan(21_300_000_000)).toBe('213.00亿元');
  });
  it('validation error joins paths', () => {
    expect(new ValidationError([{ path: ['a', 0], message: '必填' }]).message).toBe('a.0: 必填');
  });
});
