import { useMutation, useQuery } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  InputNumber,
  Row,
  Select,
  Space,
  Spin,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import { RadarChart } from 'echarts/charts';
import { RadarComponent } from 'echarts/components';
import { useMemo, useState } from 'react';
import { ApiError, api } from '../../api/client.ts';
import { Chart } from '../../components/Chart.tsx';
import { echarts } from '../../components/echarts.ts';
import { regionLabel, useE } from './i18n.ts';

echarts.use([RadarChart, RadarComponent]);

interface IndicatorRow {
  code: string;
  name: string;
  unit: string;
  weight: number;
  direction: number;
  score: number | null;
  rank: number | null;
  submitted: number | null;
  definition: string;
  source: string;
}
interface DimRow {
  code: string;
  name: string;
  weight: number;
  score: number | null;
  rank: number | null;
  regionRank: number | null;
  nationalMedian: number;
  regionalMedian: number;
  indicators: IndicatorRow[];
}
export interface ResultsData {
  zone: string;
  synthetic: boolean;
  framework: { code: string; version: number; name: string; assumption: string | null };
  index: { code: string; name: string };
  dimensions: { code: string; name: string }[];
  history: {
    year: number;
    dataYear: number;
    score: number;
    rank: number;
    regionRank: number;
    regionSize: number;
    regionZh: string;
    rankP05: number | null;
    rankP95: number | null;
  }[];
  streaks: { code: string; label: string; years: number; value: number; kind: string }[];
  warning: { onList: boolean; rule: { bottom: number; times: number; window: number }; hitYears: number[] };
  latest: {
    year: number;
    score: number;
    rank: number;
    regionRank: number;
    regionSize: number;
    region: string;
    interval: { p05: number; p95: number } | null;
    nationalMedian: Record<string, number>;
    regionalMedian: Record<string, number>;
    drill: DimRow[];
  } | null;
}

const f1 = (x: number | null | undefined) => (x == null || !Number.isFinite(x) ? '—' : x.toFixed(1));
const num = (x: number | null | undefined) => (x == null ? '—' : x.toLocaleString('zh-CN', { maximumFractionDigits: 3 }));

export default function Results({ zone }: { zone: string }) {
  const { t, lang } = useE();
  const q = useQuery({
    queryKey: ['evaluation', 'results', zone],
    queryFn: () => api<ResultsData>(`/api/zones/${encodeURIComponent(zone)}/evaluation/results`),
  });
  const d = q.data;
  const regionName = d?.latest ? (regionLabel[d.latest.region]?.[lang] ?? d.latest.region) : '';
  const lineOption = useMemo(() => {
    if (!d) return {};
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0, data: [t('national'), t('regional')] },
      grid: { left: 48, right: 20, top: 40, bottom: 30 },
      xAxis: { type: 'category', data: d.history.map((h) => String(h.year)) },
      yAxis: { type: 'value', inverse: true, min: 1, minInterval: 1, name: t('rank') },
      series: [
        { name: t('national'), type: 'line', data: d.history.map((h) => h.rank), label: { show: true } },
        { name: t('regional'), type: 'line', data: d.history.map((h) => h.regionRank) },
      ],
    };
  }, [d, t]);
  const radarOption = useMemo(() => {
    if (!d?.latest) return {};
    const dims = d.latest.drill;
    return {
      tooltip: {},
      legend: { bottom: 0, data: [t('self'), t('nationalMedian'), t('regionalMedian')] },
      radar: { indicator: dims.map((x) => ({ name: x.name, max: 100 })), radius: '62%' },
      series: [
        {
          type: 'radar',
          data: [
            { name: t('self'), value: dims.map((x) => x.score ?? 0), areaStyle: { opacity: 0.2 } },
            { name: t('nationalMedian'), value: dims.map((x) => Number(x.nationalMedian.toFixed(1))) },
            { name: t('regionalMedian'), value: dims.map((x) => Number(x.regionalMedian.toFixed(1))) },
          ],
        },
      ],
    };
  }, [d, t]);

  if (q.isLoading) return <Spin />;
  if (q.error) return <Alert type="error" showIcon message={q.error instanceof ApiError ? q.error.localized(lang) : String(q.error)} />;
  if (!d?.latest) return <Empty description={t('noResults')} />;
  const L = d.latest;
  const w = d.warning;
  // Every "same rank" streak, plus the tightest top-N streak per dimension when it is longer than the rank streak.
  const shownStreaks = d.streaks.filter(
    (s, i) => s.kind === 'rank' || d.streaks.findIndex((x) => x.code === s.code && x.kind === 'top') === i,
  );
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('latest', { y: L.year, d: L.year - 1 })}
        </Typography.Title>
        {d.synthetic && <Tag color="orange">{t('demo')}</Tag>}
        <Tag>
          {t('framework')}: {d.framework.code} v{d.framework.version}
        </Tag>
        {d.framework.assumption && <Tag color="gold">{t('assumption')}</Tag>}
      </Space>
      <Row gutter={[16, 16]}>
        <Col xs={12} md={6}>
          <Statistic title={t('rankNational')} value={L.rank} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('rankRegion', { r: regionName })} value={L.regionRank} suffix={`/ ${L.regionSize}`} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('score')} value={f1(L.score)} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('interval')} value={L.interval ? `${f1(L.interval.p05)} – ${f1(L.interval.p95)}` : '—'} />
        </Col>
      </Row>
      <Space wrap>
        <Typography.Text strong>{t('streaks')}:</Typography.Text>
        {shownStreaks.length ? (
          shownStreaks.map((s) => (
            <Tag
              key={`${s.code}-${s.kind}-${s.value}`}
              color={s.value === 1 ? 'gold' : 'blue'}
              style={{ fontSize: 14, padding: '2px 8px' }}
            >
              {s.label}
            </Tag>
          ))
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        )}
      </Space>
      {w.onList ? (
        <Alert
          type="error"
          showIcon
          message={t('warning', { w: w.rule.window, t: w.rule.times, b: w.rule.bottom, years: w.hitYears.join('、') })}
        />
      ) : (
        <Alert type="success" showIcon message={t('noWarning', { w: w.rule.window, t: w.rule.times, b: w.rule.bottom })} />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card size="small" title={t('historyChart')}>
            <Chart option={lineOption} height={300} ariaLabel={t('historyChart')} />
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card size="small" title={t('radar')}>
            <Chart option={radarOption} height={300} ariaLabel={t('radar')} />
          </Card>
        </Col>
      </Row>
      <Card size="small" title={t('drill')}>
        <Table<DimRow>
          size="small"
          rowKey="code"
          pagination={false}
          dataSource={L.drill}
          expandable={{
            expandedRowRender: (dim) => (
              <Table<IndicatorRow>
                size="small"
                rowKey="code"
                pagination={false}
                dataSource={dim.indicators}
                columns={[
                  {
                    title: t('indicator'),
                    dataIndex: 'name',
                    render: (v: string, r) => (
                      <span title={`${r.definition} · ${r.source}`}>
                        {v}
                        {r.direction === -1 ? ' ↓' : ''}
                      </span>
                    ),
                  },
                  { title: t('submitted'), dataIndex: 'submitted', align: 'right', render: num },
                  { title: t('unit'), dataIndex: 'unit' },
                  { title: t('score'), dataIndex: 'score', align: 'right', render: f1 },
                  { title: t('rank'), dataIndex: 'rank', align: 'right' },
                  { title: t('weight'), dataIndex: 'weight', align: 'right' },
                ]}
              />
            ),
          }}
          columns={[
            { title: t('name'), dataIndex: 'name' },
            { title: t('weight'), dataIndex: 'weight', align: 'right', render: (v: number) => `${Math.round(v * 100)}%` },
            { title: t('score'), dataIndex: 'score', align: 'right', render: f1 },
            { title: t('rankNational'), dataIndex: 'rank', align: 'right' },
            { title: t('rankRegion', { r: regionName }), dataIndex: 'regionRank', align: 'right' },
            { title: t('nationalMedian'), dataIndex: 'nationalMedian', align: 'right', render: f1 },
            { title: t('regionalMedian'), dataIndex: 'regionalMedian', align: 'right', render: f1 },
          ]}
        />
      </Card>
      <WhatIf zone={zone} data={d} />
    </Space>
  );
}

interface WhatIfResult {
  before: { scores: Record<string, number>; ranks: Record<string, number> };
  after: { scores: Record<string, number>; ranks: Record<string, number> };
  path: {
    steps: { iCode: string; iName: string; unit?: string; from: number; to: number; change: number; newRank: number }[];
    unreachable: string[];
  } | null;
}

function WhatIf({ zone, data }: { zone: string; data: ResultsData }) {
  const { t, lang } = useE();
  const indicators = data.latest!.drill.flatMap((d) => d.indicators);
  const [code, setCode] = useState(indicators[0]?.code);
  const current = indicators.find((i) => i.code === code);
  const [value, setValue] = useState<number | null>(null);
  const [target, setTarget] = useState<number | null>(Math.max(1, data.latest!.rank - 1));
  const m = useMutation({
    mutationFn: () =>
      api<WhatIfResult>(`/api/zones/${encodeURIComponent(zone)}/evaluation/what-if`, {
        method: 'POST',
        body: { changes: code && value != null ? { [code]: value } : {}, targetRank: target ?? undefined },
      }),
  });
  const idx = data.index.code;
  return (
    <Card size="small" title={t('whatIf')}>
      <Typography.Paragraph type="secondary">{t('whatIfHint')}</Typography.Paragraph>
      <Space wrap>
        <Select
          style={{ width: 240 }}
          value={code}
          onChange={(v) => {
            setCode(v);
            setValue(null);
          }}
          options={indicators.map((i) => ({ value: i.code, label: `${i.name}（${i.unit}）` }))}
        />
        <InputNumber
          style={{ width: 160 }}
          placeholder={current?.submitted != null ? String(current.submitted) : t('newValue')}
          value={value}
          onChange={(v) => setValue(v)}
        />
        <span>{t('targetRank')}</span>
        <InputNumber min={1} style={{ width: 90 }} value={target} onChange={(v) => setTarget(v)} />
        <Button type="primary" loading={m.isPending} onClick={() => m.mutate()}>
          {t('compute')}
        </Button>
      </Space>
      {m.error && (
        <Alert style={{ marginTop: 12 }} type="error" message={m.error instanceof ApiError ? m.error.localized(lang) : String(m.error)} />
      )}
      {m.data && (
        <Space direction="vertical" style={{ width: '100%', marginTop: 12 }}>
          <Descriptions size="small" bordered column={2}>
            <Descriptions.Item label={`${t('before')} · ${t('score')}`}>{f1(m.data.before.scores[idx])}</Descriptions.Item>
            <Descriptions.Item label={`${t('after')} · ${t('score')}`}>{f1(m.data.after.scores[idx])}</Descriptions.Item>
            <Descriptions.Item label={`${t('before')} · ${t('rankNational')}`}>{m.data.before.ranks[idx]}</Descriptions.Item>
            <Descriptions.Item label={`${t('after')} · ${t('rankNational')}`}>{m.data.after.ranks[idx]}</Descriptions.Item>
          </Descriptions>
          {m.data.path && (
            <Table
              size="small"
              rowKey="iCode"
              title={() => t('pathTitle')}
              pagination={false}
              dataSource={m.data.path.steps.slice(0, 8)}
              columns={[
                { title: t('indicator'), dataIndex: 'iName' },
                { title: t('before'), dataIndex: 'from', align: 'right', render: num },
                { title: t('newValue'), dataIndex: 'to', align: 'right', render: num },
                { title: t('change'), dataIndex: 'change', align: 'right', render: (v: number) => `${v >= 0 ? '+' : ''}${num(v)}` },
                { title: t('unit'), dataIndex: 'unit' },
                { title: t('rank'), dataIndex: 'newRank', align: 'right' },
              ]}
              footer={
                m.data.path.unreachable.length
                  ? () =>
                      `${t('unreachable')}${m.data!.path!.unreachable.map((c) => indicators.find((i) => i.code === c)?.name ?? c).join('、')}`
                  : undefined
              }
            />
          )}
        </Space>
      )}
    </Card>
  );
}
