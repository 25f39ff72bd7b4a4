import type { Me, Membership } from '@kaifaqu/contracts';
import { describe, expect, it } from 'vitest';
import { computeAccess } from './access.ts';

const zone = (code: string) => ({
  code,
  name: code,
  nameEn: null,
  province: '44',
  provinceName: '广东省',
  region: 'east' as const,
  synthetic: true,
});
const member = (code: string, role: Membership['role'], bureau: Membership['bureau'] = null): Membership => ({
  zone: zone(code),
  role,
  bureau,
  enterpriseId: null,
});
const user = (globalRole: Me['globalRole'], memberships: Membership[] = []): Me => ({
  id: 1,
  username: 'u',
  displayName: 'U',
  globalRole,
  memberships,
});

describe('computeAccess', () => {
  it('denies everything to anonymous callers', () => {
    expect(Object.values(computeAccess(null, 'demo')).every((v) => v === false)).toBe(true);
  });

  it('gives a zone admin the audit log in their zone only', () => {
    const admin = user(null, [member('demo', 'zone_admin')]);
    expect(computeAccess(admin, 'demo').canSeeAudit).toBe(true);
    expect(computeAccess(admin, 'demo-b').canSeeZone).toBe(false);
    expect(computeAccess(admin, 'demo-b').canSeeAudit).toBe(false);
  });

  it('lets the sysadmin see every zone and switch between all of them', () => {
    const a = computeAccess(user('sysadmin'), 'any');
    expect(a.canSeeAudit && a.canSeeDashboard && a.canSwitchAllZones).toBe(true);
  });

  it('limits bureau staff to their bureau modules and no audit', () => {
    const a = computeAccess(user(null, [member('demo', 'staff', 'investment')]), 'demo');
    expect(a.canSeeDashboard && a.canSeeInvestment).toBe(true);
    expect(a.canSeeAudit || a.canSeeIp).toBe(false);
  });

  it('keeps enterprise users out of the zone dashboard', () => {
    const a = computeAccess(user(null, [member('demo', 'enterprise')]), 'demo');
    expect(a.canSeeDashboard).toBe(false);
    expect(a.canSeeScenarios).toBe(true);
  });

  it('lets evaluators see any zone dashboard and the evaluation', () => {
    const a = computeAccess(user('evaluator'), 'demo-b');
    expect(a.canSeeDashboard && a.canSeeEvaluation && a.canSwitchAllZones).toBe(true);
    expect(a.canSeeAudit).toBe(false);
  });
});
