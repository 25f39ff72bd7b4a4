import { describe, expect, it } from 'vitest';
import { type FrameworkRowData, frameworkIssues, presetFramework, validateFramework, weightsByParent } from './index.ts';

const rows = (): FrameworkRowData[] => presetFramework('mofcom-2021').rows.map((r) => ({ ...r }));

describe('framework editing checks (shown inline in the editor, enforced by the server)', () => {
  it('the preset is valid; weight shares per parent sum to 1', () => {
    expect(frameworkIssues(rows())).toEqual([]);
    const shares = weightsByParent(rows());
    const index = shares.find((p) => p.parent === 'Index')!;
    expect(index.children.map((c) => c.share)).toEqual([0.3, 0.15, 0.15, 0.1, 0.3].map((x) => expect.closeTo(x, 10)));
    for (const p of shares) expect(p.children.reduce((s, c) => s + c.share, 0)).toBeCloseTo(1, 10);
  });
  it('names the row of a duplicate code, a missing weight among weighted siblings, a cycle, a self-parent', () => {
    const r = rows();
    const fdi = r.findIndex((x) => x.iCode === 'FDI');
    const trade = r.findIndex((x) => x.iCode === 'Trade');
    r[trade] = { ...r[trade], weight: undefined };
    r[r.findIndex((x) => x.iCode === 'NewFIE')].iCode = 'FDI';
    const issues = frameworkIssues(r);
    expect(issues).toContainEqual(expect.objectContaining({ path: ['rows', trade, 'weight'] }));
    expect(issues.some((i) => i.messageEn === 'duplicate code FDI')).toBe(true);
    expect(fdi).toBeGreaterThanOrEqual(0);
    const c = rows();
    const idx = c.findIndex((x) => x.iCode === 'Index');
    c[idx] = { ...c[idx], parent: 'Opening' };
    expect(frameworkIssues(c).some((i) => /cycle/.test(i.messageEn))).toBe(true);
    const self = rows();
    const op = self.findIndex((x) => x.iCode === 'Opening');
    self[op] = { ...self[op], parent: 'Opening' };
    expect(frameworkIssues(self).some((i) => i.path[1] === op)).toBe(true);
    expect(() => validateFramework(self)).toThrow();
  });
  it('no weights at all under a parent is fine (equal weights)', () => {
    const r = rows().map((x) => (x.parent === 'Green' ? { ...x, weight: undefined } : x));
    expect(frameworkIssues(r)).toEqual([]);
  });
});
