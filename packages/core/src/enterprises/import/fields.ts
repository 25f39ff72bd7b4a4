/**
 * The enterprise import columns: one row = one enterprise, optionally with its figures for one year.
 * Each field has the template's Chinese header and the synonyms bureaus use; money synonyms carry their unit
 * (a header in 万元 is scaled to integer yuan).
 */
export type FieldType =
  | 'uscc'
  | 'text'
  | 'code'
  | 'list'
  | 'money'
  | 'int'
  | 'date'
  | 'bool'
  | 'industry'
  | 'industries'
  | 'country'
  | 'tags'
  | 'year';

export type EnterpriseFieldKey =
  | 'uscc'
  | 'name'
  | 'formerNames'
  | 'legalRepresentative'
  | 'registeredCapitalYuan'
  | 'establishedOn'
  | 'closedOn'
  | 'address'
  | 'platform'
  | 'industryCode'
  | 'secondaryIndustryCodes'
  | 'foreignInvested'
  | 'sourceCountry'
  | 'hkMacaoTaiwan'
  | 'fortune500Parent'
  | 'listedExchange'
  | 'listedTicker'
  | 'highTechCertNo'
  | 'highTechValidFrom'
  | 'highTechValidTo'
  | 'techSme'
  | 'tags';

export type YearFieldKey =
  | 'aboveScale'
  | 'revenueYuan'
  | 'industrialOutputYuan'
  | 'taxYuan'
  | 'employees'
  | 'rdExpenseYuan'
  | 'exportsYuan';
export type FieldKey = EnterpriseFieldKey | YearFieldKey | 'year';

export interface FieldDef {
  key: FieldKey;
  /** The template header (Chinese). */
  header: string;
  headerEn: string;
  type: FieldType;
  required?: boolean;
  /** Alternative headers; `[header, scale]` for money in another unit. */
  synonyms: (string | [string, number])[];
  /** Whether the value belongs to the yearly figures. */
  yearly?: boolean;
  /** Template money unit: values in the template are 万元. */
  scale?: number;
}

const WAN = 10_000;

export const IMPORT_FIELDS: readonly FieldDef[] = [
  {
    key: 'uscc',
    header: '统一社会信用代码',
    headerEn: 'USCC',
    type: 'uscc',
    required: true,
    synonyms: ['信用代码', '社会信用代码', '统一代码', 'uscc', '纳税人识别号', '企业信用代码'],
  },
  {
    key: 'name',
    header: '企业名称',
    headerEn: 'Name',
    type: 'text',
    required: true,
    synonyms: ['单位名称', '名称', '公司名称', '企业全称', 'name', '单位详细名称'],
  },
  { key: 'formerNames', header: '曾用名', headerEn: 'Former names', type: 'list', synonyms: ['原名称', '曾用名称', '历史名称'] },
  {
    key: 'legalRepresentative',
    header: '法定代表人',
    headerEn: 'Legal representative',
    type: 'text',
    synonyms: ['法人代表', '法人', '负责人', '法定代表人（负责人）'],
  },
  {
    key: 'registeredCapitalYuan',
    header: '注册资本（万元）',
    headerEn: 'Registered capital (10k yuan)',
    type: 'money',
    scale: WAN,
    synonyms: [
      ['注册资本', WAN],
      ['注册资金', WAN],
      ['注册资金（万元）', WAN],
      ['注册资本（元）', 1],
    ],
  },
  {
    key: 'establishedOn',
    header: '成立日期',
    headerEn: 'Established on',
    type: 'date',
    synonyms: ['成立时间', '注册日期', '开业日期', '设立日期', '成立年月'],
  },
  { key: 'closedOn', header: '注销日期', headerEn: 'Closed on', type: 'date', synonyms: ['注销时间', '吊销日期'] },
  { key: 'address', header: '注册地址', headerEn: 'Address', type: 'text', synonyms: ['地址', '住所', '企业地址', '经营地址', '详细地址'] },
  {
    key: 'platform',
    header: '所在园区',
    headerEn: 'Platform',
    type: 'text',
    synonyms: ['园区', '所属园区', '平台', '所在平台', '片区', '所属片区'],
  },
  {
    key: 'industryCode',
    header: '行业代码',
    headerEn: 'Industry code (GB/T 4754 class)',
    type: 'industry',
    synonyms: ['国民经济行业代码', '行业小类代码', '主要行业代码', '行业分类代码', '国民经济行业分类代码'],
  },
  {
    key: 'secondaryIndustryCodes',
    header: '其他行业代码',
    headerEn: 'Other industry codes',
    type: 'industries',
    synonyms: ['次要行业代码', '兼营行业代码'],
  },
  {
    key: 'foreignInvested',
    header: '是否外资企业',
    headerEn: 'Foreign-invested',
    type: 'bool',
    synonyms: ['外资企业', '是否外资', '外商投资企业'],
  },
  {
    key: 'sourceCountry',
    header: '外资来源地',
    headerEn: 'Source country/region',
    type: 'country',
    synonyms: ['外资来源国', '外资来源国（地区）', '投资来源地', '投资方国别', '国别（地区）'],
  },
  {
    key: 'hkMacaoTaiwan',
    header: '是否港澳台资',
    headerEn: 'HK/Macao/Taiwan-invested',
    type: 'bool',
    synonyms: ['港澳台资企业', '港澳台'],
  },
  {
    key: 'fortune500Parent',
    header: '世界500强母公司',
    headerEn: 'Fortune Global 500 parent',
    type: 'text',
    synonyms: ['500强母公司', '世界500强', '所属500强企业'],
  },
  { key: 'listedExchange', header: '上市交易所', headerEn: 'Stock exchange', type: 'code', synonyms: ['上市地', '上市板块', '交易所'] },
  { key: 'listedTicker', header: '股票代码', headerEn: 'Ticker', type: 'code', synonyms: ['证券代码', '上市代码'] },
  {
    key: 'highTechCertNo',
    header: '高新技术企业证书编号',
    headerEn: 'High-tech certificate no.',
    type: 'code',
    synonyms: ['高企证书编号', '高新证书编号', '证书编号'],
  },
  {
    key: 'highTechValidFrom',
    header: '高企证书发证日期',
    headerEn: 'High-tech valid from',
    type: 'date',
    synonyms: ['发证日期', '高企认定日期', '高新认定日期', '证书有效期起'],
  },
  {
    key: 'highTechValidTo',
    header: '高企证书有效期至',
    headerEn: 'High-tech valid to',
    type: 'date',
    synonyms: ['有效期至', '证书有效期止', '有效期截止'],
  },
  { key: 'techSme', header: '是否科技型中小企业', headerEn: 'Tech-based SME', type: 'bool', synonyms: ['科技型中小企业', '科小'] },
  {
    key: 'tags',
    header: '战略性新兴产业',
    headerEn: 'Strategic emerging industries',
    type: 'tags',
    synonyms: ['战新产业', '战略性新兴产业类别', '产业标签'],
  },
  { key: 'year', header: '年份', headerEn: 'Year', type: 'year', synonyms: ['统计年度', '年度', '数据年份', 'year'] },
  {
    key: 'aboveScale',
    header: '是否规上',
    headerEn: 'Above designated size',
    type: 'bool',
    yearly: true,
    synonyms: ['规上企业', '是否规模以上', '规模以上', '规上'],
  },
  {
    key: 'revenueYuan',
    header: '营业收入（万元）',
    headerEn: 'Revenue (10k yuan)',
    type: 'money',
    scale: WAN,
    yearly: true,
    synonyms: [
      ['营业收入', WAN],
      ['营收（万元）', WAN],
      ['主营业务收入（万元）', WAN],
      ['营业收入（元）', 1],
    ],
  },
  {
    key: 'industrialOutputYuan',
    header: '工业总产值（万元）',
    headerEn: 'Industrial output (10k yuan)',
    type: 'money',
    scale: WAN,
    yearly: true,
    synonyms: [
      ['工业总产值', WAN],
      ['工业产值（万元）', WAN],
      ['产值（万元）', WAN],
      ['工业总产值（元）', 1],
    ],
  },
  {
    key: 'taxYuan',
    header: '税收（万元）',
    headerEn: 'Tax (10k yuan)',
    type: 'money',
    scale: WAN,
    yearly: true,
    synonyms: [
      ['税收', WAN],
      ['纳税额（万元）', WAN],
      ['税收总额（万元）', WAN],
      ['税收（元）', 1],
    ],
  },
  {
    key: 'employees',
    header: '从业人员（人）',
    headerEn: 'Employees',
    type: 'int',
    yearly: true,
    synonyms: ['从业人员', '从业人数', '员工人数', '职工人数', '从业人员期末人数'],
  },
  {
    key: 'rdExpenseYuan',
    header: '研发费用（万元）',
    headerEn: 'R&D expense (10k yuan)',
    type: 'money',
    scale: WAN,
    yearly: true,
    synonyms: [
      ['研发费用', WAN],
      ['研发投入（万元）', WAN],
      ['R&D经费（万元）', WAN],
      ['研发费用（元）', 1],
    ],
  },
  {
    key: 'exportsYuan',
    header: '出口额（万元）',
    headerEn: 'Exports (10k yuan)',
    type: 'money',
    scale: WAN,
    yearly: true,
    synonyms: [
      ['出口额', WAN],
      ['出口交货值（万元）', WAN],
      ['出口额（元）', 1],
    ],
  },
];

export const FIELD_BY_KEY = new Map(IMPORT_FIELDS.map((f) => [f.key, f]));

/** The six strategic emerging industries named in the seed report (广州经开区). */
export const STRATEGIC_EMERGING_INDUSTRIES = [
  { code: 'biomed', name: '生物医药与高端医疗器械', nameEn: 'Biomedicine & high-end medical devices' },
  { code: 'ic-photonics', name: '特色工艺集成电路与硅光信息半导体', nameEn: 'Specialty ICs & silicon photonics' },
  { code: 'robotics', name: '智能装备及机器人', nameEn: 'Intelligent equipment & robotics' },
  { code: 'software', name: '软件与信创', nameEn: 'Software & IT innovation' },
  { code: 'ai', name: '人工智能', nameEn: 'Artificial intelligence' },
  { code: 'low-altitude', name: '低空空天与水上经济', nameEn: 'Low-altitude, aerospace & marine economy' },
] as const;
export type StrategicTag = (typeof STRATEGIC_EMERGING_INDUSTRIES)[number]['code'];
