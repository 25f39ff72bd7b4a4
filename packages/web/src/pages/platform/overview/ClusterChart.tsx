import type { ZoneOverview } from '@kaifaqu/contracts';
import { useMemo } from 'react';
import { Chart } from '../../../components/Chart.tsx';
import { type MessageKey, useLang, useT } from '../../../i18n/index.tsx';
import { moneyUnit, toUnit } from './format.ts';
import type { DrillTarget } from './types.ts';

type Tier = ZoneOverview['clusters'][number]['tier'];
const tiers: { tier: Tier; key: MessageKey; color: string }[] = [
  { tier: '千亿级', key: 'overview.tier1000', color: '#d4380d' },
  { tier: '百亿级', key: 'overview.tier100', color: '#1f5fbf' },
  { tier: '其他', key: 'overview.tierOther', color: '#8c8c8c' },
];

export function ClusterChart({ data, onDrill }: { data: ZoneOverview; onDrill: (t: DrillTarget) => void }) {
  const t = useT();
  const [lang] = useLang();
  // Largest at the top: category axes draw bottom-up, so sort ascending.
  const clusters = useMemo(() => [...data.clusters].sort((a, b) => a.outputYuan - b.outputYuan), [data]);
  const option = useMemo(() => {
    const u = moneyUnit(lang, 'cny');
    const present = tiers.filter((x) => clusters.some((c) => c.tier === x.tier));
    return {
      tooltip: {
        trigger: 'item',
        valueFormatter: (v: number | null) => (v == null ? '—' : `${u.prefix}${v}${u.suffix}`),
      },
      legend: { top: 0 },
      grid: { left: 8, right: 56, bottom: 8, top: 36, containLabel: true },
      xAxis: { type: 'value', axisLabel: { hideOverlap: true } },
      yAxis: { type: 'category', data: clusters.map((c) => c.name), axisLabel: { width: 120, overflow: 'truncate' } },
      // One stacked series per tier gives each tier its colour and a legend entry; each bar has one non-empty part.
      series: present.map((x) => ({
        name: t(x.key),
        type: 'bar',
        stack: 'tier',
        barMaxWidth: 22,
        itemStyle: { color: x.color },
        label: { show: true, position: 'right', formatter: (p: { value: number | null }) => (p.value == null ? '' : String(p.value)) },
        data: clusters.map((c) => (c.tier === x.tier ? toUnit(c.outputYuan, u) : null)),
      })),
    };
  }, [clusters, lang, t]);

  return (
    <Chart
      option={option}
      height={Math.max(260, clusters.length * 36 + 60)}
      ariaLabel={t('overview.clusterChart')}
      onClick={(e) => {
        const c = clusters[e.dataIndex];
        if (c) onDrill({ metric: 'cluster', key: c.code, label: t('rows.cluster', { name: c.name }) });
      }}
    />
  );
}
