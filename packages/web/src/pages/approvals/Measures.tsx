import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Card, Col, Empty, Input, Modal, Row, Select, Space, Statistic, Table, Tag } from 'antd';
import { useState } from 'react';
import { ApiError, api } from '../../api/client.ts';
import { Chart } from '../../components/Chart.tsx';
import { useApi, usePaged, useRole, zurl } from './hooks.ts';
import { measureStatus, useA } from './i18n.ts';

interface Counts {
  total: number;
  done: number;
  inProgress: number;
  planned: number;
}
interface Progress {
  total: number;
  done: number;
  byRound: (Counts & { round: number; roundName: string })[];
  byDepartment: (Counts & { department: string })[];
}
interface Measure {
  id: number;
  round: number;
  code: string;
  title: string;
  department: string;
  status: string;
  evidence: string | null;
  synthetic: boolean;
}

const stack = (t: (k: 'doneCount' | 'inProgressCount' | 'planned') => string, rows: Counts[]) => [
  { name: t('doneCount'), type: 'bar', stack: 's', data: rows.map((r) => r.done), itemStyle: { color: '#52c41a' } },
  { name: t('inProgressCount'), type: 'bar', stack: 's', data: rows.map((r) => r.inProgress), itemStyle: { color: '#1677ff' } },
  { name: t('planned'), type: 'bar', stack: 's', data: rows.map((r) => r.planned), itemStyle: { color: '#bfbfbf' } },
];

export default function Measures() {
  const { t, lang } = useA();
  const { zone, staff } = useRole();
  const p = useApi<Progress>(['measures-progress', zone], zurl(zone, 'measures/progress')).data;
  const [round, setRound] = useState<number | undefined>();
  const [status, setStatus] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const patch = useMutation({
    mutationFn: (v: { id: number; status: string; evidence?: string }) =>
      api(zurl(zone, `measures/${v.id}`), { method: 'PATCH', body: { status: v.status, ...(v.evidence ? { evidence: v.evidence } : {}) } }),
    onSuccess: () => {
      message.success(t('ok'));
      setEvidenceFor(null);
      qc.invalidateQueries({ queryKey: ['approvals'] });
    },
    onError: (e) => message.error(e instanceof ApiError ? e.localized(lang) : String(e), 6),
  });
  const [evidenceFor, setEvidenceFor] = useState<number | null>(null);
  const [evidence, setEvidence] = useState('');
  const list = usePaged<Measure>(['measures', zone], zurl(zone, 'measures'), { page, pageSize: 20, round, status });
  if (p && p.total === 0) return <Empty description={t('empty')} />;
  return (
    <>
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col xs={12} md={6}>
          <Statistic title={t('total')} value={p?.total ?? '—'} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('doneCount')} value={p?.done ?? '—'} suffix={p ? `(${((p.done / p.total) * 100).toFixed(0)}%)` : ''} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('round')} value={p?.byRound.length ?? '—'} />
        </Col>
      </Row>
      {p && (
        <Row gutter={16}>
          <Col xs={24} lg={12}>
            <Card size="small" title={t('byRound')}>
              <Chart
                height={280}
                option={{
                  tooltip: { trigger: 'axis' },
                  legend: { top: 0 },
                  grid: { left: 40, right: 10, top: 30, bottom: 30 },
                  xAxis: { type: 'category', data: p.byRound.map((r) => `${r.round}.0`) },
                  yAxis: { type: 'value' },
                  series: stack(t, p.byRound),
                }}
              />
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card size="small" title={t('byDepartment')}>
              <Chart
                height={Math.max(280, p.byDepartment.length * 22)}
                option={{
                  tooltip: { trigger: 'axis' },
                  legend: { top: 0 },
                  grid: { left: 140, right: 10, top: 30, bottom: 20 },
                  xAxis: { type: 'value' },
                  yAxis: { type: 'category', inverse: true, data: p.byDepartment.map((d) => d.department) },
                  series: stack(t, p.byDepartment),
                }}
              />
            </Card>
          </Col>
        </Row>
      )}
      <Card size="small" style={{ marginTop: 16 }} title={t('measures')}>
        <Space style={{ marginBottom: 12 }} wrap>
          <Select
            allowClear
            placeholder={t('round')}
            style={{ width: 240 }}
            value={round}
            onChange={(v) => {
              setRound(v);
              setPage(1);
            }}
            options={(p?.byRound ?? []).map((r) => ({ value: r.round, label: r.roundName }))}
          />
          <Select
            allowClear
            placeholder={t('status')}
            style={{ width: 140 }}
            value={status}
            onChange={(v) => {
              setStatus(v);
              setPage(1);
            }}
            options={Object.entries(measureStatus).map(([k, v]) => ({ value: k, label: v[lang] }))}
          />
        </Space>
        <Table<Measure>
          rowKey="id"
          size="small"
          loading={list.isLoading}
          dataSource={list.data?.data ?? []}
          scroll={{ x: 800 }}
          pagination={{ current: page, pageSize: 20, total: list.data?.pagination?.total ?? 0, onChange: setPage, showSizeChanger: false }}
          columns={[
            { title: t('code'), dataIndex: 'code', width: 90 },
            {
              title: t('measureTitle'),
              dataIndex: 'title',
              render: (v: string, r) => (
                <>
                  {v}
                  {r.synthetic && (
                    <Tag color="orange" style={{ marginInlineStart: 6 }}>
                      {t('demo')}
                    </Tag>
                  )}
                </>
              ),
            },
            { title: t('department'), dataIndex: 'department', width: 150 },
            {
              title: t('status'),
              dataIndex: 'status',
              width: 130,
              render: (s: string, r) =>
                staff ? (
                  <Select
                    size="small"
                    value={s}
                    style={{ width: 110 }}
                    onChange={(v) => (v === 'done' && !r.evidence ? setEvidenceFor(r.id) : patch.mutate({ id: r.id, status: v }))}
                    options={Object.entries(measureStatus).map(([k, v]) => ({ value: k, label: v[lang] }))}
                  />
                ) : (
                  <Tag color={measureStatus[s]?.color}>{measureStatus[s]?.[lang] ?? s}</Tag>
                ),
            },
            { title: t('evidence'), dataIndex: 'evidence', ellipsis: true, responsive: ['lg'], render: (v: string | null) => v ?? '—' },
          ]}
        />
      </Card>
      <Modal
        open={evidenceFor != null}
        title={t('evidence')}
        onCancel={() => setEvidenceFor(null)}
        okButtonProps={{ disabled: !evidence.trim() }}
        onOk={() => evidenceFor != null && patch.mutate({ id: evidenceFor, status: 'done', evidence: evidence.trim() })}
      >
        <Input.TextArea rows={3} value={evidence} onChange={(e) => setEvidence(e.target.value)} maxLength={2000} />
      </Modal>
    </>
  );
}
