import type { Profile } from './types.ts';

/**
 * A complete, mid-sized firm used as the base of tests and examples: it passes 创新型 and 专精特新 on score
 * but not 小巨人 or 单项冠军. Tests change one field at a time from here.
 */
export function sampleProfile(over: Partial<Profile> = {}): Profile {
  return {
    id: 'sample',
    dataYear: 2024,
    establishedYears: 12,
    revenue: [2400, 2700, 3000],
    mainRevenue: [2000, 2200, 2550],
    rdExpense: [90, 110, 150],
    netProfit: [150, 200, 240],
    totalAssets: 6000,
    totalLiabilities: 2700,
    staff: 120,
    rdStaff: 24,
    yearsInNiche: 8,
    field: 'strategic',
    ip: { class1HighValue: 0, class1SelfDeveloped: 1, class1: 1, class2: 4 },
    rdInstitution: 'municipal',
    digitalLevel: 3,
    qualityItems: 2,
    specialtyScore: 10,
    equityFinancing2y: 0,
    equityFinancing3y: 0,
    honours: [],
    nicheShareNational: 6,
    globalRank: 12,
    ownBrand: true,
    managementCertified: true,
    violations3y: false,
    isSme: true,
    recognized: [],
    ...over,
  };
}
