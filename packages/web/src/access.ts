import type { Bureau, Me, Role } from '@kaifaqu/contracts';

/**
 * What the current user may see in the current zone. The only module that reads role names:
 * pages and the menu ask these booleans. The server enforces the same rules; this only hides UI.
 */
export interface Access {
  isSignedIn: boolean;
  canSeeZone: boolean;
  canSeeDashboard: boolean;
  canSeeAudit: boolean;
  canSeeEvaluation: boolean;
  canSeeEnterprises: boolean;
  canSeeCultivation: boolean;
  canSeeInvestment: boolean;
  canSeeScenarios: boolean;
  canSeeIp: boolean;
  canSeeApprovals: boolean;
  /** Zone switcher lists every zone from /api/zones rather than the user's memberships. */
  canSwitchAllZones: boolean;
}

const none: Access = {
  isSignedIn: false,
  canSeeZone: false,
  canSeeDashboard: false,
  canSeeAudit: false,
  canSeeEvaluation: false,
  canSeeEnterprises: false,
  canSeeCultivation: false,
  canSeeInvestment: false,
  canSeeScenarios: false,
  canSeeIp: false,
  canSeeApprovals: false,
  canSwitchAllZones: false,
};

// Each bureau runs its own modules; everything else is read through the dashboard and registry.
const bureauModules: Record<Bureau, Partial<Access>> = {
  investment: { canSeeInvestment: true, canSeeScenarios: true },
  industry: { canSeeCultivation: true, canSeeApprovals: true },
  ip: { canSeeIp: true },
  development: { canSeeApprovals: true, canSeeEvaluation: true },
  science: { canSeeCultivation: true, canSeeScenarios: true },
};

const allTrue: Access = Object.fromEntries(Object.keys(none).map((k) => [k, true])) as unknown as Access;

export function computeAccess(me: Me | null | undefined, zone: string | undefined): Access {
  if (!me) return none;
  const signedIn: Access = { ...none, isSignedIn: true };
  if (me.globalRole === 'sysadmin') return allTrue;

  const membership = zone ? me.memberships.find((m) => m.zone.code === zone) : undefined;
  const role: Role | undefined = membership?.role ?? (me.globalRole === 'evaluator' ? 'evaluator' : undefined);
  switch (role) {
    case 'zone_admin':
      return { ...allTrue, canSwitchAllZones: false };
    case 'evaluator':
      // Evaluators look at every zone's figures and run the national evaluation.
      return { ...signedIn, canSeeZone: true, canSeeDashboard: true, canSeeEvaluation: true, canSwitchAllZones: true };
    case 'staff':
      return {
        ...signedIn,
        canSeeZone: true,
        canSeeDashboard: true,
        canSeeEnterprises: true,
        ...(membership?.bureau ? bureauModules[membership.bureau] : {}),
      };
    case 'enterprise':
      // A firm keeps its own profile and uses the services; zone-wide statistics are not theirs to browse.
      return { ...signedIn, canSeeZone: true, canSeeCultivation: true, canSeeScenarios: true, canSeeIp: true, canSeeApprovals: true };
    default:
      return { ...signedIn, canSwitchAllZones: me.globalRole === 'evaluator' };
  }
}

/** Where a user lands after login: their first zone (the caller picks the first page they may see). */
export function homeZone(me: Me): string | undefined {
  return me.memberships[0]?.zone.code;
}
