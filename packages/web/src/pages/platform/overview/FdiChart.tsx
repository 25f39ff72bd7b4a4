import type { ZoneOverview } from '@kaifaqu/contracts';
import { useMemo } from 'react';
import { Chart } from '../../../components/Chart.tsx';
import { useLang, useT } from '../../../i18n/index.tsx';
import { moneyUnit, toUnit } from './format.ts';
import type { DrillTarget } from './types.ts';

export function FdiChart({ data, onDrill }: { data: ZoneOverview; onDrill: (t: DrillTarget) => void }) {
  const t = useT();
  const [lang] = useLang();
  const years = useMemo(
    () => [...new Set([...Object.keys(data.actualFdiUsdByYear), ...Object.keys(data.contractFdiUsdByYear)])].sort(),
    [data],
  );
  const option = useMemo(() => {
    const u = moneyUnit(lang, 'usd');
    const series = (name: string, byYear: Record<string, number>, color: string) => ({
      name,
      type: 'bar',
      itemStyle: { color },
      barMaxWidth: 28,
      data: years.map((y) => (byYear[y] === undefined ? null : toUnit(byYear[y], u))),
    });
    return {
      tooltip: { trigger: 'axis', valueFormatter: (v: number | null) => (v == null ? '—' : `${u.prefix}${v}${u.suffix}`) },
      legend: { top: 0 },
      grid: { left: 8, right: 8, bottom: 8, top: 36, containLabel: true },
      xAxis: { type: 'category', data: years },
      yAxis: { type: 'value' },
      series: [
        series(t('overview.actualFdiSeries'), data.actualFdiUsdByYear, '#1f5fbf'),
        series(t('overview.contractFdiSeries'), data.contractFdiUsdByYear, '#91caff'),
      ],
    };
  }, [data, years, lang, t]);

  return (
    <Chart
      option={option}
      ariaLabel={t('overview.fdiChart')}
      onClick={(e) => {
        const year = years[e.dataIndex];
        // The FDI rows behind a year are the same firms for both series, so either bar opens them.
        if (year) onDrill({ metric: 'actualFdi', key: year, label: t('overview.actualFdi', { year }) });
      }}
    />
  );
}
