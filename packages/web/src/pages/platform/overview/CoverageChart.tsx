import type { CoverageNode } from '@kaifaqu/contracts';
import { Empty, Grid, Typography } from 'antd';
import { useMemo } from 'react';
import { Chart } from '../../../components/Chart.tsx';
import { useT } from '../../../i18n/index.tsx';
import type { DrillTarget } from './types.ts';

interface SunburstDatum {
  name: string;
  code: string;
  label: string;
  enterprises: number;
  value?: number;
  children?: SunburstDatum[];
}

// Parents get no value so ECharts sizes them as the sum of their children (firm counts can overlap across codes).
function toDatum(n: CoverageNode): SunburstDatum {
  const children = n.children?.length ? n.children.map(toDatum) : undefined;
  return {
    name: `${n.code} ${n.name}`,
    code: n.code,
    label: n.name,
    enterprises: n.enterprises,
    value: children ? undefined : n.enterprises,
    children,
  };
}

export function CoverageChart({ nodes, onDrill }: { nodes: CoverageNode[]; onDrill: (t: DrillTarget) => void }) {
  const t = useT();
  // On phones the division ring is too thin for readable labels; the tooltip still names each sector.
  const narrow = !Grid.useBreakpoint().md;
  const option = useMemo(
    () => ({
      tooltip: {
        formatter: (p: { data: SunburstDatum }) => `${p.data.name}<br/>${t('overview.firms', { n: p.data.enterprises })}`,
      },
      series: {
        type: 'sunburst',
        data: nodes.map(toDatum),
        radius: ['10%', '95%'],
        nodeClick: false,
        sort: undefined,
        emphasis: { focus: 'ancestor' },
        itemStyle: { borderColor: '#fff', borderWidth: 1 },
        levels: [
          {},
          { r0: '10%', r: '26%', label: { rotate: 0, minAngle: 20, formatter: (p: { data: SunburstDatum }) => p.data.label } },
          {
            r0: '26%',
            r: '60%',
            label: {
              show: !narrow,
              rotate: 'radial',
              fontSize: 10,
              minAngle: 5,
              // Long division names (铁路、船舶、航空航天…) would spill into the next ring.
              width: 66,
              overflow: 'truncate',
              formatter: (p: { data: SunburstDatum }) => p.data.label,
            },
          },
          { r0: '60%', r: '80%', label: { show: false } },
          { r0: '80%', r: '95%', label: { show: false } },
        ],
      },
    }),
    [nodes, t, narrow],
  );

  if (!nodes.length) return <Empty description={t('common.empty')} />;
  return (
    <>
      <Typography.Text type="secondary">{t('overview.coverageHint')}</Typography.Text>
      <Chart
        option={option}
        height={460}
        ariaLabel={t('overview.coverageChart')}
        onClick={(e) => {
          const d = e.data as SunburstDatum | undefined;
          // Rows are filtered by numeric code prefix; a section letter (B/C/D) is not one, so sections do not drill.
          if (d?.code && /^\d+$/.test(d.code))
            onDrill({ metric: 'aboveScaleIndustrial', key: d.code, label: t('rows.industryPrefix', { code: d.code, name: d.label }) });
        }}
      />
    </>
  );
}
