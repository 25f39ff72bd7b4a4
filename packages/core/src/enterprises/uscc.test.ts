import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../shared/errors.ts';
import { computeOrgCodeCheck, computeUsccCheck, makeUscc, normaliseUscc, USCC_ALPHABET, validateUscc } from './uscc.ts';

// Published codes of well-known firms (business-licence data, also printed in their annual reports).
const REAL = {
  华为技术有限公司: '914403001922038216',
  '腾讯科技（深圳）有限公司': '9144030071526726XG',
  '阿里巴巴（中国）有限公司': '91330100799655058B',
  小米科技有限责任公司: '91110108551385082Q',
};

describe('validateUscc on real codes', () => {
  for (const [name, code] of Object.entries(REAL)) {
    it(`accepts ${name} ${code}`, () => {
      const r = validateUscc(code);
      expect(r).toMatchObject({ valid: true, code, normalised: false });
      expect(r.reason).toBeUndefined();
    });
  }
  it('splits a code into named parts', () => {
    expect(validateUscc(REAL.华为技术有限公司).parts).toEqual({
      authority: '9',
      authorityName: '工商（市场监管）',
      orgType: '1',
      orgTypeName: '企业',
      division: '440300',
      orgCode: '192203821',
    });
  });
  it('rejects 91440101MA59UBG3XD (an often-quoted example that fails both checksums)', () => {
    expect(validateUscc('91440101MA59UBG3XD')).toMatchObject({
      valid: false,
      reason: 'organisation-code-check',
      expected: '4',
      position: 17,
    });
  });
});

describe('normalisation', () => {
  it('trims, converts full-width and upper-cases, and says so', () => {
    const r = validateUscc('  ９１４４０３００７１５２６７２６ｘｇ\u3000');
    expect(r).toMatchObject({ valid: true, code: '9144030071526726XG', normalised: true });
  });
  it('normaliseUscc leaves a clean code alone', () => {
    expect(normaliseUscc('914403001922038216')).toBe('914403001922038216');
  });
});

describe('each failure reason', () => {
  const cases: [string, string, string][] = [
    ['91440300192203821', 'length', '长度应为18位，实为17位'],
    ['9144030019220382160', 'length', '长度应为18位'],
    ['', 'length', '实为0位'],
    ['91440300192203821I', 'character', '第18位字符“I”不合法'],
    ['9144030019220382-6', 'character', '第17位'],
    ['B1440300192203821X', 'registration-authority', '登记管理部门代码“B”不存在'],
    ['94440300192203821X', 'organisation-type', '第2位机构类别代码“4”不属于工商'],
    ['Y2440300192203821X', 'organisation-type', '不属于其他'],
    ['91990300192203821X', 'division', '“990300”'],
    ['9144A300192203821X', 'division', '行政区划码'],
    ['914403001922038226', 'organisation-code-check', '第17位组织机构代码校验码应为1，实为2'],
    ['914403001922038217', 'check', '第18位校验码应为6，实为7'],
  ];
  for (const [code, reason, message] of cases) {
    it(`${JSON.stringify(code)} → ${reason}`, () => {
      const r = validateUscc(code);
      expect(r.valid).toBe(false);
      expect(r.reason).toBe(reason);
      expect(r.message).toContain(message);
      expect(r.messageEn).toBeTruthy();
    });
  }
  it('asks the supplied division predicate', () => {
    const onlyShenzhen = (c: string) => c === '440300';
    expect(validateUscc(REAL.华为技术有限公司, { isDivision: onlyShenzhen }).valid).toBe(true);
    expect(validateUscc(REAL['阿里巴巴（中国）有限公司'], { isDivision: onlyShenzhen })).toMatchObject({
      valid: false,
      reason: 'division',
    });
  });
});

describe('check characters', () => {
  it('computes the GB 11714 check including X and 0', () => {
    expect(computeOrgCodeCheck('19220382')).toBe('1');
    expect(computeOrgCodeCheck('71526726')).toBe('X');
    // weighted sum ≡ 0 (mod 11) gives 11 − 0 = 11, written as '0'
    expect(computeOrgCodeCheck('00000000')).toBe('0');
  });
  it('computes the final check over 17 characters', () => {
    expect(computeUsccCheck('91440300192203821')).toBe('6');
    expect(computeUsccCheck('9144030071526726X')).toBe('G');
  });
  it('refuses malformed input to the check helpers', () => {
    expect(() => computeUsccCheck('9144')).toThrow(ValidationError);
    expect(() => computeUsccCheck('9144030019220382I')).toThrow(ValidationError);
    expect(() => computeOrgCodeCheck('1922')).toThrow(ValidationError);
  });
});

describe('makeUscc', () => {
  it('builds the code the lead asked for', () => {
    const code = makeUscc({ authority: '9', orgType: '1', division: '440112', orgCode8: 'MA5ABCDE' });
    expect(code).toBe('91440112MA5ABCDE50');
    expect(validateUscc(code).valid).toBe(true);
  });
  it('names every bad part', () => {
    try {
      makeUscc({ authority: '9', orgType: '5', division: '990000', orgCode8: 'MA5ABCDI' });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ValidationError);
      expect((err as ValidationError).issues.map((i) => i.path[0])).toEqual(['orgType', 'division', 'orgCode8']);
    }
  });

  const pairs = [
    ['1', '1'],
    ['5', '3'],
    ['9', '1'],
    ['9', '2'],
    ['9', '3'],
    ['N', '2'],
    ['Y', '1'],
  ] as const;
  const divisions = ['110108', '440112', '440300', '330100', '510100', '650000'];
  const arbUscc = fc
    .record({
      pair: fc.constantFrom(...pairs),
      division: fc.constantFrom(...divisions),
      orgCode8: fc.string({ unit: fc.constantFrom(...USCC_ALPHABET), minLength: 8, maxLength: 8 }),
    })
    .map(({ pair, division, orgCode8 }) => makeUscc({ authority: pair[0], orgType: pair[1], division, orgCode8 }));

  it('property: makeUscc always validates', () => {
    fc.assert(fc.property(arbUscc, (code) => validateUscc(code).valid));
  });

  it('property: any single-character change at positions 9–18 is detected', () => {
    fc.assert(
      fc.property(arbUscc, fc.integer({ min: 8, max: 17 }), fc.constantFrom(...USCC_ALPHABET), (code, i, c) => {
        fc.pre(code[i] !== c);
        const changed = code.slice(0, i) + c + code.slice(i + 1);
        return !validateUscc(changed).valid;
      }),
      { numRuns: 2000 },
    );
  });
});

describe('validateUscc on hostile cells', () => {
  // Found by the fuzz test (a seed in CI): an object whose toString is not callable made String() throw.
  it('gives a reason, never a throw, for objects that cannot be turned into text', () => {
    for (const cell of [{ toString: '' }, Object.create(null), { [Symbol.toPrimitive]: 1 }]) {
      const r = validateUscc(cell as never);
      expect(r.valid).toBe(false);
      expect(r.reason).toBe('length');
    }
  });
});
