import { DownloadOutlined } from '@ant-design/icons';
import { Button, Empty, Input, InputNumber, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { buildUrl } from '../../api/client.ts';
import { cvUrl, defaultRuleSet, reasonLabel, useCvPage, useCvRole } from './hooks.ts';
import { tierLabels, useI } from './i18n.ts';
import { EligTag } from './TierPanel.tsx';

interface Row {
  enterpriseId: number;
  name: string;
  uscc: string;
  synthetic: boolean;
  recognized: string[];
  keyLittleGiant: boolean;
  nextTier: string | null;
  distance: number | null;
  tiers: Record<string, { eligible: unknown; total: number | null; failed: string[]; distance: number | null }>;
}
interface Data {
  ruleSet: { id: string; version: string };
  dataYear: number;
  screened: number;
  timing: { loadMs: number; screenMs: number };
  rows: Row[];
}
const tiers = ['innovative', 'specialized', 'little-giant', 'champion'];

/** 选种: every firm with data for the year against the four tiers, closest to its next tier first. */
export default function Screening({ onOpen }: { onOpen: (id: number) => void }) {
  const { t, label, lang } = useI();
  const { zone } = useCvRole();
  const [year, setYear] = useState<number | undefined>();
  const [tier, setTier] = useState<string | undefined>();
  const [eligible, setEligible] = useState<string | undefined>();
  const [sort, setSort] = useState('distance');
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const query = { year, tier, eligible: tier ? eligible : undefined, sort, q: q || undefined, page, pageSize };
  const r = useCvPage<Data>(['screening'], cvUrl(zone, 'screening'), query);
  const d = r.data?.data;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <span>{t('year')}</span>
        <InputNumber value={year ?? d?.dataYear} min={2000} max={2100} onChange={(v) => setYear(v ?? undefined)} />
        <Select
          style={{ width: 180 }}
          allowClear
          placeholder={t('tier')}
          value={tier}
          onChange={(v) => {
            setTier(v);
            setPage(1);
          }}
          options={tiers.map((k) => ({ value: k, label: label(tierLabels, k) }))}
        />
        <Select
          style={{ width: 130 }}
          disabled={!tier}
          allowClear
          placeholder={t('eligibility')}
          value={eligible}
          onChange={(v) => {
            setEligible(v);
            setPage(1);
          }}
          options={[
            { value: 'true', label: t('eligible') },
            { value: 'false', label: t('notEligible') },
            { value: 'undetermined', label: t('undetermined') },
          ]}
        />
        <Select
          style={{ width: 140 }}
          value={sort}
          onChange={setSort}
          options={[
            { value: 'distance', label: t('distance') },
            { value: 'name', label: t('enterprise') },
          ]}
        />
        <Input.Search
          allowClear
          placeholder={t('search')}
          onSearch={(v) => {
            setQ(v);
            setPage(1);
          }}
          style={{ width: 220 }}
        />
        <Button
          icon={<DownloadOutlined />}
          href={buildUrl(cvUrl(zone, 'screening.xlsx'), { year, tier, eligible: tier ? eligible : undefined, sort, q: q || undefined })}
        >
          {t('export')}
        </Button>
        <Tag color="orange">{t('demo')}</Tag>
      </Space>
      {d && (
        <Typography.Text type="secondary">
          {t('ruleSet')} {d.ruleSet.id} v{d.ruleSet.version} · {t('year')} {d.dataYear} ·{' '}
          {t('screened', { n: d.screened, ms: d.timing.loadMs + d.timing.screenMs })}
        </Typography.Text>
      )}
      <Table<Row>
        size="small"
        rowKey="enterpriseId"
        loading={r.isFetching}
        dataSource={d?.rows ?? []}
        scroll={{ x: 1100 }}
        locale={{ emptyText: <Empty description={t('empty')} /> }}
        pagination={{
          current: page,
          pageSize,
          total: r.data?.pagination?.total ?? 0,
          showSizeChanger: true,
          onChange: (p, s) => {
            setPage(p);
            setPageSize(s);
          },
        }}
        columns={[
          {
            title: t('enterprise'),
            dataIndex: 'name',
            fixed: 'left',
            width: 220,
            render: (v, row) => (
              <Typography.Link onClick={() => onOpen(row.enterpriseId)}>
                {v} {row.synthetic && <Tag>{t('demo')}</Tag>}
              </Typography.Link>
            ),
          },
          {
            title: t('recognized'),
            render: (_, row) => (row.recognized.length ? row.recognized.map((k) => <Tag key={k}>{label(tierLabels, k)}</Tag>) : '—'),
          },
          {
            title: tier ? label(tierLabels, tier) : t('nextTier'),
            render: (_, row) => (tier ? label(tierLabels, tier) : label(tierLabels, row.nextTier)),
          },
          {
            title: t('distance'),
            dataIndex: 'distance',
            render: (v: number | null) => (v == null ? '—' : v === 0 ? <Tag color="green">0</Tag> : v.toFixed(2)),
          },
          ...tiers.map((k) => ({
            title: label(tierLabels, k),
            render: (_: unknown, row: Row) => {
              const x = row.tiers[k];
              if (!x) return '—';
              return (
                <span title={x.failed.map((f) => reasonLabel(defaultRuleSet, k, f, lang)).join('；')}>
                  <EligTag e={x.eligible} />
                  {x.total != null && x.total}
                </span>
              );
            },
          })),
        ]}
      />
    </Space>
  );
}
