/** What one synthetic zone must add up to. The `demo` zone is calibrated to the Guangzhou ETDZ figures of the seed report. */
export interface ClusterSpec {
  code: string;
  name: string;
  nameEn: string;
  /** GB/T 4754 code prefixes (disjoint across clusters so targets add up exactly). */
  prefixes: string[];
  /** Output of the cluster's 规上 members in the data year, yuan. */
  outputYuan: number;
}

export interface FdiPeriod {
  year: number;
  fromMonth: number;
  toMonth: number;
  actualUsd: number;
  contractUsd: number;
}

export interface ZoneSpec {
  code: string;
  name: string;
  nameEn: string;
  province: string;
  provinceName: string;
  region: 'east' | 'central' | 'west';
  establishedOn: string;
  /** 6-digit GB/T 2260 code used in the firms' USCCs. */
  division: string;
  platforms: string[];
  dataYear: number;
  enterprises: number;
  aboveScale: { firms: number; divisions: number; groups: number; classes: number; outputYuan: number };
  smallIndustrial: number;
  closed: number;
  foreignTotal: number;
  /** Foreign-invested firms established 1 Jan – 31 Oct of `dataYear + 1` (the seed's "1–10月新设外资企业"). */
  newForeignJanOct: number;
  highTech: number;
  highTechExpired: number;
  techSmes: number;
  listed: number;
  fortune500Projects: number;
  signedForeignNextYear: { count: number; yuan: number };
  clusters: ClusterSpec[];
  fdi: FdiPeriod[];
  fdiPayers: number;
}

const yi = 100_000_000;

export const demoZone: ZoneSpec = {
  code: 'demo',
  name: '演示经开区 (演示数据)',
  nameEn: 'Demo ETDZ (synthetic data)',
  province: '440000',
  provinceName: '广东省',
  region: 'east',
  establishedOn: '1984-12-28',
  division: '440112',
  platforms: ['知识城', '科学城', '海丝城', '生物岛'],
  dataYear: 2023,
  enterprises: 23_600,
  aboveScale: { firms: 1334, divisions: 32, groups: 135, classes: 297, outputYuan: 8950 * yi },
  smallIndustrial: 600,
  closed: 900,
  foreignTotal: 5230,
  newForeignJanOct: 240,
  highTech: 2850,
  highTechExpired: 260,
  techSmes: 20_180,
  listed: 88,
  fortune500Projects: 330,
  signedForeignNextYear: { count: 35, yuan: 213 * yi },
  clusters: [
    { code: 'auto', name: '汽车', nameEn: 'Automotive', prefixes: ['36'], outputYuan: 1800 * yi },
    { code: 'display', name: '新型显示', nameEn: 'New display', prefixes: ['3974', '3976'], outputYuan: 1300 * yi },
    { code: 'green-energy', name: '绿色能源', nameEn: 'Green energy', prefixes: ['384', '3825', '4415', '4416'], outputYuan: 1150 * yi },
    { code: 'new-materials', name: '新材料', nameEn: 'New materials', prefixes: ['265', '3985'], outputYuan: 1080 * yi },
    {
      code: 'beauty-health',
      name: '美妆大健康',
      nameEn: 'Beauty & health',
      prefixes: ['268', '271', '272', '274', '358'],
      outputYuan: 1020 * yi,
    },
    { code: 'equipment', name: '高端装备', nameEn: 'High-end equipment', prefixes: ['34'], outputYuan: 520 * yi },
    { code: 'biotech', name: '生物技术', nameEn: 'Biotechnology', prefixes: ['276'], outputYuan: 380 * yi },
    { code: 'ic', name: '集成电路', nameEn: 'Integrated circuits', prefixes: ['3973', '3972'], outputYuan: 160 * yi },
  ],
  // Actual FDI crosses US$3.0 bn in 2023; Jan–Oct 2024: actual 1.657 bn, contract 0.987 bn (+80.68% on Jan–Oct 2023's 0.54627 bn).
  fdi: [
    { year: 2019, fromMonth: 1, toMonth: 12, actualUsd: 1_850_000_000, contractUsd: 1_210_000_000 },
    { year: 2020, fromMonth: 1, toMonth: 12, actualUsd: 2_120_000_000, contractUsd: 930_000_000 },
    { year: 2021, fromMonth: 1, toMonth: 12, actualUsd: 2_560_000_000, contractUsd: 1_150_000_000 },
    { year: 2022, fromMonth: 1, toMonth: 12, actualUsd: 2_810_000_000, contractUsd: 820_000_000 },
    { year: 2023, fromMonth: 1, toMonth: 10, actualUsd: 2_480_000_000, contractUsd: 546_270_000 },
    { year: 2023, fromMonth: 11, toMonth: 12, actualUsd: 570_000_000, contractUsd: 130_000_000 },
    { year: 2024, fromMonth: 1, toMonth: 10, actualUsd: 1_657_000_000, contractUsd: 987_000_000 },
  ],
  fdiPayers: 420,
};

/** Smaller synthetic zones so that tenancy is real (one per region). */
export function otherZones(): ZoneSpec[] {
  const base = (
    code: string,
    name: string,
    nameEn: string,
    province: string,
    provinceName: string,
    region: ZoneSpec['region'],
    division: string,
  ): ZoneSpec => ({
    ...demoZone,
    code,
    name,
    nameEn,
    province,
    provinceName,
    region,
    division,
    establishedOn: '1992-10-01',
    platforms: ['一区', '二区'],
    enterprises: 420,
    aboveScale: { firms: 90, divisions: 14, groups: 30, classes: 48, outputYuan: 620 * yi },
    smallIndustrial: 40,
    closed: 20,
    foreignTotal: 80,
    newForeignJanOct: 6,
    highTech: 60,
    highTechExpired: 5,
    techSmes: 250,
    listed: 4,
    fortune500Projects: 9,
    signedForeignNextYear: { count: 3, yuan: 12 * yi },
    clusters: [
      { code: 'equipment', name: '装备制造', nameEn: 'Equipment', prefixes: ['34'], outputYuan: 160 * yi },
      { code: 'materials', name: '新材料', nameEn: 'New materials', prefixes: ['265'], outputYuan: 45 * yi },
    ],
    fdi: [2019, 2020, 2021, 2022, 2023].map((year, i) => ({
      year,
      fromMonth: 1,
      toMonth: 12,
      actualUsd: (120 + 15 * i) * 1_000_000,
      contractUsd: (90 + 7 * i) * 1_000_000,
    })),
    fdiPayers: 30,
  });
  return [
    base('demo-b', '演示经开区B (演示数据)', 'Demo ETDZ B (synthetic data)', '320000', '江苏省', 'east', '320505'),
    base('demo-c', '演示经开区C (演示数据)', 'Demo ETDZ C (synthetic data)', '420000', '湖北省', 'central', '420113'),
    base('demo-d', '演示经开区D (演示数据)', 'Demo ETDZ D (synthetic data)', '510000', '四川省', 'west', '510112'),
  ];
}
