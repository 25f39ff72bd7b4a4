import type { Rng } from '@kaifaqu/core';

// Syllables for invented trade names; combined with a "(演示)" flag in the record, never a real firm's name on purpose.
const heads =
  '穗 瀚 汇 睿 澜 拓 博 恒 嘉 朗 昊 骏 聚 凯 坤 蓝 霖 隆 迈 铭 楠 沛 擎 锐 森 晟 泰 腾 拓 威 曦 祥 欣 旭 烨 屹 毅 盈 煜 臻 致 卓'.split(
    ' ',
  );
const tails = '创 达 丰 华 辉 嘉 捷 科 力 联 明 宁 诺 鹏 启 盛 思 通 维 芯 信 新 耀 远 跃 云 智 众'.split(' ');

export function tradeName(rng: Rng, used: Set<string>): string {
  for (;;) {
    const name = rng.pick(heads) + rng.pick(tails) + (rng.next() < 0.4 ? rng.pick(tails) : '');
    if (!used.has(name)) {
      used.add(name);
      return name;
    }
  }
}

/** A company name from a trade name and the industry's wording. */
export function companyName(trade: string, industryWord: string, foreign: boolean, rng: Rng): string {
  const form = foreign
    ? rng.pick(['（中国）有限公司', '（广州）有限公司', '有限公司'])
    : rng.pick(['有限公司', '股份有限公司', '科技有限公司']);
  return `${trade}${industryWord}${form}`;
}

export function industryWord(industryName: string): string {
  return industryName.replace(/制造$|生产$|及.*$|业$/, '').slice(0, 6);
}
