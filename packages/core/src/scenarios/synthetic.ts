import { createRng } from '../shared/random.ts';
import type { ScenarioItem } from './types.ts';

// Vocabulary per theme, with real GB/T 4754 小类 codes, so synthetic text segments and ranks like the real lists.
const THEMES: { terms: string[]; objects: string[]; tags: string[]; industries: string[] }[] = [
  {
    terms: ['低空经济', '无人机', '低空航线', 'eVTOL'],
    objects: ['物流配送', '观光飞行', '巡检', '应急救援', '起降场'],
    tags: ['低空经济', '无人机'],
    industries: ['3963', '5629', '5622', '3749'],
  },
  {
    terms: ['自动驾驶', '车路协同', '智能网联汽车', '高精地图'],
    objects: ['接驳小巴', '路侧单元', '测试场', '环卫车', 'Robotaxi'],
    tags: ['自动驾驶', '车路协同'],
    industries: ['3612', '3962', '3921', '6513'],
  },
  {
    terms: ['智慧医疗', '医学影像', '手术机器人', '互联网医院'],
    objects: ['辅助诊断', '院内物流', '远程会诊', '智慧病房'],
    tags: ['智慧医疗', '医疗器械'],
    industries: ['8411', '3584', '6513', '3581'],
  },
  {
    terms: ['生物医药', '临床试验', '细胞治疗', '真实世界数据'],
    objects: ['受试者招募', '数据管理', '中试', '冷链运输'],
    tags: ['生物医药', '临床试验'],
    industries: ['2761', '7340', '2720', '5930'],
  },
  {
    terms: ['工业质检', '机器视觉', '工业互联网', '预测性维护'],
    objects: ['缺陷检测', '设备联网', '产线改造', '能耗管理'],
    tags: ['智能制造', '工业互联网'],
    industries: ['6513', '6431', '3670', '3983'],
  },
  {
    terms: ['智慧园区', '数字孪生', '城市大脑', '一网统管'],
    objects: ['运营中心', '安防巡逻', '停车管理', '事件处置'],
    tags: ['智慧园区', '数字孪生'],
    industries: ['7221', '6531', '9221', '6532'],
  },
  {
    terms: ['氢能', '燃料电池', '加氢站', '氢能重卡'],
    objects: ['示范运营', '加注设备', '车辆租赁', '集疏运'],
    tags: ['氢能', '新能源'],
    industries: ['3849', '4511', '3612', '5433'],
  },
  {
    terms: ['储能', '光伏', '虚拟电厂', '充换电'],
    objects: ['削峰填谷', '需求响应', '屋顶电站', '换电站'],
    tags: ['新型储能', '双碳'],
    industries: ['3841', '4416', '4420', '5267'],
  },
  {
    terms: ['智慧港口', '自动化码头', '岸桥', '集装箱'],
    objects: ['远程操控', '智能调度', '无人集卡', '堆场管理'],
    tags: ['智慧港口', '5G'],
    industries: ['5532', '3432', '6531'],
  },
  {
    terms: ['集成电路', '芯片', '新型显示', 'OLED'],
    objects: ['良率分析', '国产化验证', '检测设备', '封装测试'],
    tags: ['集成电路', '新型显示'],
    industries: ['3973', '6520', '3974', '3562'],
  },
  {
    terms: ['具身智能', '人形机器人', '服务机器人', '协作机器人'],
    objects: ['物料搬运', '导览讲解', '分拣', '巡检'],
    tags: ['机器人', '具身智能'],
    industries: ['3491', '3964', '3492'],
  },
  {
    terms: ['大模型', '人工智能', '智能客服', '算力'],
    objects: ['政策问答', '知识库', '工单分派', '模型微调'],
    tags: ['人工智能', '大模型'],
    industries: ['6513', '6450', '6511'],
  },
  {
    terms: ['智慧养老', '智慧教育', '智慧社区', '跌倒检测'],
    objects: ['居家监测', '课堂分析', '紧急呼叫', '健康管理'],
    tags: ['民生服务'],
    industries: ['8514', '8341', '8521', '3983'],
  },
  {
    terms: ['冷链物流', '跨境电商', '智慧物流', '海外仓'],
    objects: ['温控追溯', '通关', '仓储管理', '干线运输'],
    tags: ['物流'],
    industries: ['5930', '5821', '5920'],
  },
  {
    terms: ['环境监测', '危险废物', '碳足迹', '节能'],
    objects: ['走航监测', '全过程监管', '核算', '合同能源管理'],
    tags: ['绿色低碳', '环保'],
    industries: ['7461', '7724', '7514', '4021'],
  },
];
const SUFFIXES = ['示范应用', '试点', '解决方案', '平台建设', '服务', '系统', '能力', '改造项目'];
const ORGS = ['开发区管委会', '市属国企', '三甲医院', '龙头企业', '科技型中小企业', '专精特新企业', '港口集团', '公交集团', '高校'];
const NEEDS = ['计划在园区内开展', '希望引入', '面向社会征集', '拟采购', '需要联合开展'];
const OFFERS = ['自主研发', '已规模化落地', '可提供端到端', '拥有核心专利的', '具备资质的'];
const EXTRAS = [
  '项目周期约一年，预算由财政和企业共同承担。',
  '要求具备同类场景落地案例，支持本地化部署。',
  '优先考虑本地注册企业，可提供测试场地与数据。',
  '已在多个城市落地，可按效果付费。',
  '支持与现有信息系统对接，提供运维服务。',
  '需符合网络安全和数据安全相关要求。',
];

/** `n` synthetic items from a seeded RNG (ids `syn-…`), for benchmarks and load tests only. */
export function syntheticItems(n: number, seed = 7): ScenarioItem[] {
  const rng = createRng(seed);
  const out: ScenarioItem[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const th = rng.pick(THEMES);
    const other = rng.pick(THEMES);
    const kind = rng.next() < 0.5 ? 'need' : 'capability';
    const term = rng.pick(th.terms);
    const obj = rng.pick(th.objects);
    const lead = kind === 'need' ? `${rng.pick(ORGS)}${rng.pick(NEEDS)}` : `${rng.pick(ORGS)}${rng.pick(OFFERS)}`;
    const description = `${lead}${term}${obj}${rng.pick(SUFFIXES)}，涉及${rng.pick(th.terms)}与${rng.pick(other.terms)}${rng.pick(other.objects)}。${rng.pick(EXTRAS)}${rng.next() < 0.5 ? rng.pick(EXTRAS) : ''}`;
    out[i] = {
      id: `syn-${i}`,
      kind,
      title: `${term}${obj}${rng.pick(SUFFIXES)}`,
      description,
      tags: [...new Set(rng.next() < 0.3 ? [rng.pick(th.tags), rng.pick(other.tags)] : [rng.pick(th.tags)])],
      industry: rng.pick(th.industries),
    };
  }
  return out;
}

/** `n` synthetic query texts drawn from the same vocabulary (different seed stream). */
export function syntheticQueries(n: number, seed = 11): string[] {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => {
    const th = rng.pick(THEMES);
    const r = rng.next();
    if (r < 0.3) return rng.pick(th.terms);
    if (r < 0.7) return `${rng.pick(th.terms)}${rng.pick(th.objects)}`;
    const other = rng.pick(THEMES);
    return `${rng.pick(ORGS)}需要${rng.pick(th.terms)}${rng.pick(th.objects)}和${rng.pick(other.terms)}${rng.pick(SUFFIXES)}`;
  });
}
