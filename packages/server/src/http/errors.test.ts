import { describe, expect, it } from 'vitest';
import { isConcurrentDuplicate, isDatabaseUnavailable } from './errors.ts';

describe('database error classification', () => {
  it('finds a unique violation wrapped by the ORM', () => {
    const driver = Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505' });
    expect(isConcurrentDuplicate(new Error('Failed query', { cause: driver }))).toBe(true);
    expect(isConcurrentDuplicate(Object.assign(new Error('x'), { code: '23503' }))).toBe(false);
    expect(isConcurrentDuplicate(undefined)).toBe(false);
  });
  it('does not take a unique violation for an outage', () => {
    expect(isDatabaseUnavailable(Object.assign(new Error('dup'), { code: '23505' }))).toBe(false);
  });
});
