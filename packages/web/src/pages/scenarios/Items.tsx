import { Button, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { zonePath } from '../../routes.tsx';
import { type Batch, type ItemRow, scUrl, useSc, useScenarioRole } from './hooks.ts';
import { ItemForm } from './ItemForm.tsx';
import { STATE_COLORS, STATE_LABELS, useI } from './i18n.ts';

/** Items list with state/kind/batch filters and engine search; create and edit through `ItemForm`. */
export default function ScenarioItems() {
  const { t, label } = useI();
  const { zone, staff, isEnterprise } = useScenarioRole();
  const [state, setState] = useState<string | undefined>();
  const [kind, setKind] = useState<string | undefined>();
  const [batch, setBatch] = useState<number | undefined>();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [form, setForm] = useState<{ open: boolean; item: ItemRow | null }>({ open: false, item: null });
  const list = useSc<ItemRow[]>(['items', zone, state, kind, batch, q, page], scUrl(zone, 'items'), {
    state,
    kind,
    batch,
    q: q || undefined,
    page,
    pageSize: 15,
  });
  const batches = useSc<Batch[]>(['batches', zone], isEnterprise ? null : scUrl(zone, 'batches'));
  const counts = (list.data as { counts?: Record<string, number> } | undefined)?.counts;
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          placeholder={t('searchPh')}
          style={{ width: 280 }}
          onSearch={(v) => {
            setQ(v.trim());
            setPage(1);
          }}
          aria-label={t('search')}
        />
        <Select
          allowClear
          placeholder={t('allStates')}
          style={{ width: 150 }}
          value={state}
          onChange={(v) => {
            setState(v);
            setPage(1);
          }}
          options={Object.keys(STATE_LABELS).map((s) => ({
            value: s,
            label: `${label(STATE_LABELS, s)}${counts?.[s] != null ? `（${counts[s]}）` : ''}`,
          }))}
          data-testid="state-filter"
        />
        <Select
          allowClear
          placeholder={t('allKinds')}
          style={{ width: 130 }}
          value={kind}
          onChange={(v) => {
            setKind(v);
            setPage(1);
          }}
          options={[
            { value: 'need', label: t('need') },
            { value: 'capability', label: t('capability') },
          ]}
        />
        {!isEnterprise && (
          <Select
            allowClear
            placeholder={t('allBatches')}
            style={{ width: 130 }}
            value={batch}
            onChange={(v) => {
              setBatch(v);
              setPage(1);
            }}
            options={(batches.data?.data ?? []).map((b) => ({ value: b.number, label: t('batchN', { n: b.number }) }))}
          />
        )}
        {(staff || isEnterprise) && (
          <Button type="primary" onClick={() => setForm({ open: true, item: null })}>
            {isEnterprise ? t('createCap') : t('create')}
          </Button>
        )}
      </Space>
      <Table<ItemRow>
        size="small"
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data?.data ?? []}
        locale={{ emptyText: t('empty') }}
        scroll={{ x: 980 }}
        pagination={{ current: page, pageSize: 15, total: list.data?.pagination?.total ?? 0, onChange: setPage, showSizeChanger: false }}
        columns={[
          {
            title: t('titleField'),
            dataIndex: 'title',
            render: (v: string, r) => (
              <Space direction="vertical" size={0}>
                <Link to={zonePath(zone, `scenarios/items/${r.id}`)}>{v}</Link>
                <Typography.Text type="secondary" ellipsis style={{ maxWidth: 420, fontSize: 12 }}>
                  {r.description}
                </Typography.Text>
              </Space>
            ),
          },
          {
            title: t('kind'),
            dataIndex: 'kind',
            width: 90,
            render: (v: string) => <Tag color={v === 'need' ? 'volcano' : 'geekblue'}>{t(v as 'need')}</Tag>,
          },
          {
            title: t('tags'),
            dataIndex: 'tags',
            width: 200,
            render: (v: string[]) => v.slice(0, 3).map((x) => <Tag key={x}>{x}</Tag>),
          },
          {
            title: t('batch'),
            dataIndex: 'batchNumber',
            width: 80,
            render: (v: number | null) => (v ? t('batchN', { n: v }) : '—'),
          },
          {
            title: t('publisher'),
            width: 170,
            ellipsis: true,
            render: (_: unknown, r) => r.enterpriseName ?? r.publisherDept ?? '—',
          },
          {
            title: t('state'),
            dataIndex: 'state',
            width: 90,
            render: (v: string) => <Tag color={STATE_COLORS[v]}>{label(STATE_LABELS, v)}</Tag>,
          },
          ...(q ? [{ title: t('score'), dataIndex: 'score', width: 70, render: (v: number | null) => v?.toFixed(2) ?? '—' }] : []),
          {
            title: '',
            width: 70,
            render: (_: unknown, r) =>
              ['draft', 'pending'].includes(r.state) && (staff || isEnterprise) ? (
                <Button size="small" onClick={() => setForm({ open: true, item: r })}>
                  {t('edit')}
                </Button>
              ) : null,
          },
        ]}
      />
      <ItemForm open={form.open} item={form.item} onClose={() => setForm({ open: false, item: null })} />
    </>
  );
}
