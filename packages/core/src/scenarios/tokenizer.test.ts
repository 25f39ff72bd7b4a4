import { describe, expect, it } from 'vitest';
import { BIGRAM_PREFIX, createTokenizer } from './tokenizer.ts';

describe('jieba tokenizer', () => {
  const tok = createTokenizer();
  it('keeps domain terms whole (and still emits their sub-words in search mode)', () => {
    const t = tok.tokenize('低空经济无人机配送与车路协同、具身智能、智能网联汽车');
    for (const w of ['低空经济', '无人机', '车路协同', '具身智能', '智能网联汽车', '低空']) expect(t).toContain(w);
  });
  it('drops stop words, punctuation and lone characters', () => {
    const t = tok.tokenize('征集医院的物流机器人场景需求，示范岛！');
    expect(t).not.toContain('的');
    expect(t).not.toContain('需求');
    expect(t).not.toContain('，');
    expect(t).not.toContain('岛');
    expect(t).toContain('物流机器人');
  });
  it('folds full-width and case so ５Ｇ and 5G meet', () => {
    expect(tok.tokenize('５Ｇ专网')).toEqual(tok.tokenize('5g专网'));
    expect(tok.tokenize('Robotaxi')).toContain('robotaxi');
  });
  it('adds user dictionary terms and optional bigrams', () => {
    expect(createTokenizer(['飞地园区']).tokenize('建设飞地园区')).toContain('飞地园区');
    const bi = createTokenizer([], { bigrams: true }).tokenize('氢能重卡');
    expect(bi).toContain(`${BIGRAM_PREFIX}能重`);
    expect(tok.tokenize('氢能重卡').some((t) => t.startsWith(BIGRAM_PREFIX))).toBe(false);
  });
  it('returns nothing for text without words', () => {
    expect(tok.tokenize('，。！ ')).toEqual([]);
  });
});
