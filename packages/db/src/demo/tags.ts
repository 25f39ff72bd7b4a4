import type { StrategicTag } from '@kaifaqu/core/enterprises';

/**
 * Demo tagging for the six strategic emerging industries of the seed report (生物医药与高端医疗器械, 特色工艺集成电路
 * 与硅光信息半导体, 智能装备及机器人, 软件与信创, 人工智能, 低空空天与水上经济): a firm whose GB/T 4754-2017 class
 * starts with one of a tag's prefixes carries the tag with the given share. The draw is a hash of the firm's code,
 * not the seed's random stream, so every other demo figure stays as it was. A firm may carry several tags.
 */
export const DEMO_TAG_RULES: Record<StrategicTag, [prefix: string, share: number][]> = {
  biomed: [
    ['27', 0.8], // 医药制造业
    ['358', 0.9], // 医疗仪器设备及器械制造
    ['3544', 0.5], // 制药专用设备制造
    ['7340', 0.8], // 医学研究和试验发展
  ],
  'ic-photonics': [
    ['3972', 0.9], // 半导体分立器件制造
    ['3973', 1], // 集成电路制造
    ['3976', 0.9], // 光电子器件制造
    ['3562', 0.8], // 半导体器件专用设备制造
    ['6520', 1], // 集成电路设计
    ['3974', 0.2], // 显示器件制造
  ],
  robotics: [
    ['3491', 1], // 工业机器人制造
    ['3492', 1], // 特殊作业机器人制造
    ['3963', 1], // 服务消费机器人制造
    ['3493', 0.6], // 增材制造装备制造
    ['342', 0.3], // 金属加工机械制造（数控机床）
    ['35', 0.1], // 专用设备制造业
    ['40', 0.15], // 仪器仪表制造业
  ],
  software: [
    ['651', 0.9], // 软件开发
    ['653', 0.8], // 信息系统集成和物联网技术服务
    ['654', 0.6], // 运行维护服务
    ['655', 0.6], // 信息处理和存储支持服务
    ['656', 0.5], // 信息技术咨询服务
    ['659', 0.4], // 其他信息技术服务业
  ],
  ai: [
    ['6513', 0.4], // 应用软件开发
    ['6511', 0.3], // 基础软件开发
    ['653', 0.3],
    ['655', 0.3],
    ['3963', 0.5], // 服务消费机器人制造
    ['3919', 0.3], // 其他计算机制造
    ['3491', 0.3],
  ],
  'low-altitude': [
    ['374', 1], // 航空、航天器及设备制造
    ['373', 0.8], // 船舶及相关装置制造
    ['562', 0.8], // 通用航空服务
    ['561', 0.5], // 航空客货运输
    ['563', 0.5], // 航空运输辅助活动
    ['55', 0.3], // 水上运输业
  ],
};

/** FNV-1a of the text, scaled to [0, 1). */
function unit(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0) / 2 ** 32;
}

/** The strategic emerging industry tags of one demo firm (deterministic). */
export function demoStrategicTags(e: { uscc: string; industryCode: string }): StrategicTag[] {
  const out: StrategicTag[] = [];
  for (const [tag, rules] of Object.entries(DEMO_TAG_RULES) as [StrategicTag, [string, number][]][]) {
    // The most specific matching prefix decides.
    let share = 0;
    let len = 0;
    for (const [p, s] of rules)
      if (e.industryCode.startsWith(p) && p.length > len) {
        share = s;
        len = p.length;
      }
    if (share > 0 && unit(`${e.uscc}|${tag}`) < share) out.push(tag);
  }
  return out;
}
