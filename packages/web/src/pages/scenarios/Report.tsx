import { Card, Col, Row, Table } from 'antd';
import { Chart } from '../../components/Chart.tsx';
import { scUrl, useSc, useScenarioRole } from './hooks.ts';
import { STAGE_LABELS, STAGE_PATH, useI } from './i18n.ts';

interface Summary {
  total: number;
  current: Record<string, number>;
  conversion: { stage: string; reached: number; rate: number | null }[];
}
interface Report {
  overall: Summary;
  batches: (Summary & { batchId: number | null; number: number | null; title: string })[];
}
const STAGES = [...STAGE_PATH, 'failed'];
const COLORS = ['#8c8c8c', '#1677ff', '#13c2c2', '#722ed1', '#52c41a', '#ff4d4f'];

/** Matches per batch stacked by current stage, and conversion from each stage to the next. */
export default function ScenarioReport() {
  const { t, label } = useI();
  const { zone } = useScenarioRole();
  const r = useSc<Report>(['report', zone], scUrl(zone, 'report'));
  const raw = r.data?.data;
  // Oldest batch first on the axis.
  const data = raw && { ...raw, batches: [...raw.batches].reverse() };
  const bar = (() => {
    if (!data) return null;
    const cats = data.batches.map((b) => (b.number ? t('batchN', { n: b.number }) : t('noBatch')));
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { bottom: 0 },
      grid: { left: 40, right: 16, top: 16, bottom: 40 },
      xAxis: { type: 'category', data: cats },
      yAxis: { type: 'value', minInterval: 1 },
      series: STAGES.map((s, i) => ({
        name: label(STAGE_LABELS, s),
        type: 'bar',
        stack: 'n',
        itemStyle: { color: COLORS[i] },
        data: data.batches.map((b) => b.current[s] ?? 0),
      })),
    };
  })();
  const funnel = (() => {
    if (!data) return null;
    return {
      tooltip: { trigger: 'axis' },
      grid: { left: 40, right: 40, top: 16, bottom: 30 },
      xAxis: { type: 'category', data: data.overall.conversion.map((c) => label(STAGE_LABELS, c.stage)) },
      yAxis: [
        { type: 'value', minInterval: 1 },
        { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
      ],
      series: [
        { name: t('reached'), type: 'bar', itemStyle: { color: '#1f5fbf' }, data: data.overall.conversion.map((c) => c.reached) },
        {
          name: t('rate'),
          type: 'line',
          yAxisIndex: 1,
          label: { show: true, formatter: '{c}%' },
          data: data.overall.conversion.map((c) => (c.rate == null ? null : Math.round(c.rate * 1000) / 10)),
        },
      ],
    };
  })();
  return (
    <Row gutter={[12, 12]}>
      <Col xs={24} lg={12}>
        <Card size="small" title={t('perBatch')} loading={r.isLoading}>
          {bar && <Chart option={bar} height={300} ariaLabel={t('perBatch')} />}
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card size="small" title={t('conversion')} loading={r.isLoading}>
          {funnel && <Chart option={funnel} height={300} ariaLabel={t('conversion')} />}
        </Card>
      </Col>
      <Col span={24}>
        <Table<Report['batches'][number]>
          size="small"
          rowKey={(b) => String(b.batchId)}
          dataSource={data?.batches ?? []}
          pagination={false}
          scroll={{ x: 800 }}
          columns={[
            { title: t('batch'), dataIndex: 'title' },
            { title: t('total'), dataIndex: 'total', align: 'right' },
            ...STAGES.map((s) => ({
              title: label(STAGE_LABELS, s),
              key: s,
              align: 'right' as const,
              render: (_: unknown, b: Summary) => b.current[s] ?? 0,
            })),
            {
              title: `${t('rate')}（${label(STAGE_LABELS, 'signed')}）`,
              key: 'rate',
              align: 'right' as const,
              render: (_: unknown, b: Summary) =>
                b.total ? `${((100 * (b.conversion[b.conversion.length - 1]?.reached ?? 0)) / b.total).toFixed(0)}%` : '—',
            },
          ]}
        />
      </Col>
    </Row>
  );
}
