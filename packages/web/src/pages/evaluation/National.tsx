import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Input, InputNumber, Row, Segmented, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { ApiError, api } from '../../api/client.ts';
import { regionLabel, statusLabel, useE } from './i18n.ts';

interface Round {
  id: number;
  year: number;
  dataYear: number;
  status: string;
  synthetic: boolean;
}
interface Progress {
  counts: Record<string, number>;
  zones: {
    zone: string;
    name: string;
    provinceName: string;
    region: string;
    status: string;
    submittedAt: string | null;
    lastComment: string | null;
    synthetic: boolean;
  }[];
}
interface RunRow {
  id: number;
  label: string;
  published: boolean;
  publishedAt: string | null;
  createdAt: string;
}
interface Entry {
  zone: string;
  name: string;
  provinceName: string;
  region: string;
  score: number | null;
  rank: number | null;
  regionRank: number | null;
  p05: number | null;
  p95: number | null;
}
interface Rankings {
  run: { id: number; label: string; framework: string; published: boolean };
  dimensions: { code: string; name: string }[];
  top30: Entry[];
  regions: Record<string, Entry[]>;
  byDimension: Record<string, { zone: string; name: string; score: number | null; rank: number | null }[]>;
  mcRuns: number;
}
interface Compare {
  meanAbsShift: number;
  maxAbsShift: number;
  rows: { zone: string; name: string; rankA: number | null; rankB: number | null; shift: number | null }[];
}

const f1 = (x: number | null | undefined) => (x == null ? '—' : x.toFixed(1));

export default function National() {
  const { t, lang } = useE();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const rounds = useQuery({ queryKey: ['evaluation', 'rounds'], queryFn: () => api<Round[]>('/api/evaluation/rounds') });
  const [roundId, setRoundId] = useState<number | null>(null);
  const rid = roundId ?? rounds.data?.find((r) => r.status === 'open')?.id ?? rounds.data?.[0]?.id ?? null;
  const round = rounds.data?.find((r) => r.id === rid);
  const progress = useQuery({
    queryKey: ['evaluation', 'progress', rid],
    queryFn: () => api<Progress>(`/api/evaluation/rounds/${rid}/progress`),
    enabled: !!rid,
  });
  const runs = useQuery({
    queryKey: ['evaluation', 'runs', rid],
    queryFn: () => api<RunRow[]>(`/api/evaluation/rounds/${rid}/runs`),
    enabled: !!rid,
  });
  const [shownRun, setShownRun] = useState<number | null>(null);
  const showId = shownRun ?? runs.data?.find((r) => r.published)?.id ?? runs.data?.[0]?.id ?? null;
  const detail = useQuery({
    queryKey: ['evaluation', 'run', showId],
    queryFn: () => api<Rankings>(`/api/evaluation/runs/${showId}`),
    enabled: !!showId,
  });
  const [filter, setFilter] = useState('all');
  const [mcRuns, setMcRuns] = useState(1000);
  const [cmp, setCmp] = useState<number[]>([]);
  const compare = useQuery({
    queryKey: ['evaluation', 'compare', cmp],
    queryFn: () => api<Compare>(`/api/evaluation/runs/compare`, { query: { a: cmp[0], b: cmp[1] } }),
    enabled: cmp.length === 2,
  });
  const refresh = () => qc.invalidateQueries({ queryKey: ['evaluation'] });
  const err = (e: unknown) => message.error(e instanceof ApiError ? e.localized(lang) : String(e));
  const review = useMutation({
    mutationFn: (v: { zone: string; decision: 'accept' | 'return'; comment: string }) =>
      api(`/api/evaluation/rounds/${rid}/submissions/${v.zone}/review`, {
        method: 'POST',
        body: { decision: v.decision, comment: v.comment },
      }),
    onSuccess: refresh,
    onError: err,
  });
  const lock = useMutation({
    mutationFn: () => api<{ locked: number }>(`/api/evaluation/rounds/${rid}/lock`, { method: 'POST' }),
    onSuccess: (r) => {
      message.success(t('locked', { n: r.locked }));
      refresh();
    },
    onError: err,
  });
  const run = useMutation({
    mutationFn: () => api<{ id: number }>(`/api/evaluation/rounds/${rid}/runs`, { method: 'POST', body: { mcRuns } }),
    onSuccess: (r) => {
      setShownRun(r.id);
      refresh();
    },
    onError: err,
  });
  const publish = useMutation({
    mutationFn: (id: number) => api(`/api/evaluation/runs/${id}/publish`, { method: 'POST' }),
    onSuccess: refresh,
    onError: err,
  });
  const askReturn = (zone: string) => {
    let text = '';
    modal.confirm({
      title: t('returnReason'),
      content: (
        <Input.TextArea
          rows={3}
          onChange={(e) => {
            text = e.target.value;
          }}
        />
      ),
      onOk: () => review.mutateAsync({ zone, decision: 'return', comment: text }),
    });
  };
  const zonesShown = (progress.data?.zones ?? []).filter((z) => filter === 'all' || z.status === filter);
  const entryCols = [
    { title: t('rank'), dataIndex: 'rank', width: 60 },
    { title: t('zone'), dataIndex: 'name' },
    { title: t('province'), dataIndex: 'provinceName' },
    { title: t('score'), dataIndex: 'score', align: 'right' as const, render: f1 },
    { title: t('interval'), key: 'ci', render: (_: unknown, e: Entry) => (e.p05 == null ? '—' : `${f1(e.p05)}–${f1(e.p95)}`) },
  ];
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <span>{t('round')}</span>
        <Select
          style={{ width: 320 }}
          value={rid ?? undefined}
          onChange={(v) => {
            setRoundId(v);
            setShownRun(null);
            setCmp([]);
          }}
          options={(rounds.data ?? []).map((r) => ({
            value: r.id,
            label: `${t('year', { y: r.year, d: r.dataYear })} · ${r.status === 'open' ? '进行中' : '已结束'}`,
          }))}
        />
        {round?.synthetic && <Tag color="orange">{t('demo')}</Tag>}
      </Space>
      <Card size="small" title={t('progress')}>
        <Row gutter={16}>
          {['none', 'draft', 'submitted', 'returned', 'accepted', 'locked'].map((s) => (
            <Col key={s} xs={8} md={4}>
              <Statistic title={statusLabel[s][lang]} value={progress.data?.counts[s] ?? 0} />
            </Col>
          ))}
        </Row>
        <Space style={{ margin: '12px 0' }} wrap>
          <Segmented
            value={filter}
            onChange={(v) => setFilter(String(v))}
            options={[
              { value: 'all', label: t('all') },
              ...Object.keys(statusLabel).map((s) => ({ value: s, label: statusLabel[s][lang] })),
            ]}
          />
          <Button onClick={() => lock.mutate()} loading={lock.isPending} disabled={round?.status !== 'open'}>
            {t('lockAll')}
          </Button>
        </Space>
        <Table
          size="small"
          rowKey="zone"
          dataSource={zonesShown}
          pagination={{ pageSize: 10, showSizeChanger: false }}
          columns={[
            { title: t('zone'), dataIndex: 'name' },
            { title: t('province'), dataIndex: 'provinceName' },
            { title: t('region'), dataIndex: 'region', render: (r: string) => regionLabel[r]?.[lang] ?? r },
            {
              title: t('status'),
              dataIndex: 'status',
              render: (s: string) => <Tag color={statusLabel[s]?.color}>{statusLabel[s]?.[lang]}</Tag>,
            },
            { title: t('comments'), dataIndex: 'lastComment', ellipsis: true },
            {
              title: t('actions'),
              key: 'a',
              render: (_: unknown, z) =>
                z.status === 'submitted' && round?.status === 'open' ? (
                  <Space>
                    <Button size="small" type="link" onClick={() => review.mutate({ zone: z.zone, decision: 'accept', comment: '' })}>
                      {t('accept')}
                    </Button>
                    <Button size="small" type="link" danger onClick={() => askReturn(z.zone)}>
                      {t('returnIt')}
                    </Button>
                  </Space>
                ) : null,
            },
          ]}
        />
      </Card>
      <Card
        size="small"
        title={t('runs')}
        extra={
          <Space>
            <span>{t('mcRuns')}</span>
            <InputNumber min={0} max={20000} step={1000} value={mcRuns} onChange={(v) => setMcRuns(v ?? 0)} />
            <Button type="primary" onClick={() => run.mutate()} loading={run.isPending}>
              {t('run')}
            </Button>
          </Space>
        }
      >
        <Table
          size="small"
          rowKey="id"
          dataSource={runs.data ?? []}
          pagination={false}
          locale={{ emptyText: t('noRuns') }}
          rowSelection={{ type: 'checkbox', selectedRowKeys: cmp, onChange: (keys) => setCmp((keys as number[]).slice(-2)) }}
          columns={[
            { title: '#', dataIndex: 'id', width: 60 },
            {
              title: t('name'),
              dataIndex: 'label',
              render: (l: string, r) => (
                <Button type="link" size="small" onClick={() => setShownRun(r.id)}>
                  {l}
                </Button>
              ),
            },
            { title: t('status'), dataIndex: 'published', render: (p: boolean) => (p ? <Tag color="green">{t('published')}</Tag> : null) },
            {
              title: t('actions'),
              key: 'a',
              render: (_: unknown, r) =>
                !r.published && !(runs.data ?? []).some((x) => x.published) ? (
                  <Button size="small" onClick={() => modal.confirm({ title: t('confirmPublish'), onOk: () => publish.mutateAsync(r.id) })}>
                    {t('publish')}
                  </Button>
                ) : null,
            },
          ]}
        />
        {compare.data && (
          <Space direction="vertical" style={{ width: '100%', marginTop: 12 }}>
            <Typography.Text strong>
              {t('compareTitle')} · {t('meanShift', { m: compare.data.meanAbsShift.toFixed(2), x: compare.data.maxAbsShift })}
            </Typography.Text>
            <Table
              size="small"
              rowKey="zone"
              pagination={{ pageSize: 10, showSizeChanger: false }}
              dataSource={compare.data.rows}
              columns={[
                { title: t('zone'), dataIndex: 'name' },
                { title: `#${cmp[0]}`, dataIndex: 'rankA' },
                { title: `#${cmp[1]}`, dataIndex: 'rankB' },
                {
                  title: '±',
                  dataIndex: 'shift',
                  render: (s: number | null) => (s == null ? '—' : s > 0 ? `↓${s}` : s < 0 ? `↑${-s}` : '0'),
                },
              ]}
            />
          </Space>
        )}
      </Card>
      {detail.data && (
        <Card
          size="small"
          title={`${detail.data.run.label} · ${detail.data.run.framework}`}
          extra={detail.data.run.published ? <Tag color="green">{t('published')}</Tag> : null}
        >
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={12}>
              <Table
                size="small"
                rowKey="zone"
                title={() => t('top30')}
                dataSource={detail.data.top30}
                columns={entryCols}
                pagination={{ pageSize: 10, showSizeChanger: false }}
              />
            </Col>
            <Col xs={24} xl={12}>
              {Object.entries(detail.data.regions).map(([r, list]) => (
                <Table
                  key={r}
                  size="small"
                  rowKey="zone"
                  title={() => t('regionTop', { r: regionLabel[r]?.[lang] ?? r })}
                  dataSource={list.slice(0, 10)}
                  columns={[{ title: t('rank'), dataIndex: 'regionRank', width: 60 }, ...entryCols.slice(1, 4)]}
                  pagination={false}
                  style={{ marginBottom: 12 }}
                />
              ))}
            </Col>
          </Row>
          <Typography.Title level={5}>{t('byDim')}</Typography.Title>
          <Space wrap>
            {detail.data.dimensions.map((d) => (
              <Tag key={d.code} color="blue">
                {d.name}：{detail.data!.byDimension[d.code]?.[0]?.name ?? '—'}
              </Tag>
            ))}
          </Space>
        </Card>
      )}
      {detail.error && <Alert type="error" message={String(detail.error)} />}
    </Space>
  );
}
