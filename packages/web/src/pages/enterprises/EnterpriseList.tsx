import { DownloadOutlined } from '@ant-design/icons';
import type { ClusterSummary, ListedEnterprise } from '@kaifaqu/contracts';
import { Button, Checkbox, Empty, Input, InputNumber, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType, SorterResult } from 'antd/es/table/interface';
import { useMemo } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { zonePath } from '../../routes.tsx';
import { buildUrl, eurl, useEnt, wan, yi } from './hooks.ts';
import { useI } from './i18n.ts';

const FLAGS = ['aboveScale', 'foreignInvested', 'hkMacaoTaiwan', 'highTech', 'listed', 'techSme', 'fortune500', 'active'] as const;
const SECTIONS = ['B', 'C', 'D', 'E', 'F', 'G', 'I', 'L', 'M'];
const FILTER_KEYS = ['q', 'industry', 'platform', 'year', 'tag', 'cluster', 'sort', 'order', ...FLAGS] as const;

/** 企业名录: server-side paging, sorting and filters kept in the URL, export of exactly the filtered list. */
export default function EnterpriseList() {
  const { t } = useI();
  const { zone = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const page = Number(params.get('page') ?? 1);
  const pageSize = Number(params.get('pageSize') ?? 20);
  const filters = useMemo(() => {
    const f: Record<string, string> = {};
    for (const k of FILTER_KEYS) {
      const v = params.get(k);
      if (v) f[k] = v;
    }
    return f;
  }, [params]);
  const set = (patch: Record<string, string | number | undefined | null>, keepPage = false) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === null || v === '') next.delete(k);
      else next.set(k, String(v));
    }
    if (!keepPage) next.delete('page');
    setParams(next, { replace: true });
  };
  const list = useEnt<ListedEnterprise[]>(['list', zone], eurl(zone), { ...filters, page, pageSize });
  const platforms = useEnt<{ platform: string; enterprises: number }[]>(['platforms', zone], eurl(zone, 'platforms'));
  const clusters = useEnt<ClusterSummary[]>(['clusters', zone], eurl(zone, 'clusters'));
  const tags = useEnt<{ code: string; name: string; nameEn: string }[]>(['tags', zone], eurl(zone, 'tags'));
  const tagName = new Map((tags.data?.data ?? []).map((x) => [x.code, x.name]));
  const sortOf = (key: string) => (filters.sort === key ? (filters.order === 'desc' ? ('descend' as const) : ('ascend' as const)) : null);

  const columns: ColumnsType<ListedEnterprise> = [
    {
      title: t('name'),
      dataIndex: 'name',
      sorter: true,
      sortOrder: sortOf('name'),
      render: (_: string, e) => (
        <Space direction="vertical" size={0}>
          <Space size={4} wrap>
            <Link to={zonePath(zone, `enterprises/${e.id}`)}>{e.name}</Link>
            {e.synthetic && <Tag color="orange">{t('demo')}</Tag>}
            {e.closedOn && <Tag>{t('closed')}</Tag>}
          </Space>
          {e.formerNames.length > 0 && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('formerNames')}：{e.formerNames.join('；')}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: t('uscc'),
      dataIndex: 'uscc',
      sorter: true,
      sortOrder: sortOf('uscc'),
      width: 190,
      responsive: ['md'],
      render: (v: string) => (
        <Typography.Text copyable={{ text: v }} style={{ fontFamily: 'monospace' }}>
          {v}
        </Typography.Text>
      ),
    },
    {
      title: t('industryCode'),
      dataIndex: 'industryCode',
      responsive: ['lg'],
      render: (v: string | null, e) =>
        v ? (
          <span title={e.industryName ?? ''}>
            {v} {e.industryName}
          </span>
        ) : (
          '—'
        ),
    },
    { title: t('platform'), dataIndex: 'platform', width: 90, responsive: ['lg'], render: (v: string | null) => v ?? '—' },
    {
      title: t('flags'),
      key: 'flags',
      render: (_: unknown, e) => (
        <Space size={[2, 2]} wrap>
          {e.aboveScale && <Tag color="blue">{t('aboveScale')}</Tag>}
          {e.foreignInvested && (
            <Tag color="purple">
              {t('foreignInvested')}
              {e.sourceCountry ? ` ${e.sourceCountry}` : ''}
            </Tag>
          )}
          {e.hkMacaoTaiwan && <Tag color="magenta">{t('hkMacaoTaiwan')}</Tag>}
          {e.highTech && <Tag color="green">{t('highTech')}</Tag>}
          {e.listed && <Tag color="gold">{t('listed')}</Tag>}
          {e.tags.map((x) => (
            <Tag key={x} color="cyan">
              {tagName.get(x) ?? x}
            </Tag>
          ))}
        </Space>
      ),
    },
    {
      title: t('revenue'),
      dataIndex: 'revenueYuan',
      align: 'right',
      sorter: true,
      sortOrder: sortOf('revenue'),
      render: (v: number | null) => wan(v),
    },
    {
      title: t('output'),
      dataIndex: 'industrialOutputYuan',
      align: 'right',
      sorter: true,
      sortOrder: sortOf('output'),
      responsive: ['md'],
      render: (v: number | null) => yi(v, 4),
    },
    {
      title: t('employees'),
      dataIndex: 'employees',
      align: 'right',
      sorter: true,
      sortOrder: sortOf('employees'),
      responsive: ['lg'],
      render: (v: number | null) => v ?? '—',
    },
  ];
  const sortKey: Record<string, string> = {
    name: 'name',
    uscc: 'uscc',
    revenueYuan: 'revenue',
    industrialOutputYuan: 'output',
    employees: 'employees',
  };

  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Space wrap>
        <Input.Search
          allowClear
          defaultValue={filters.q}
          placeholder={t('search')}
          style={{ width: 300 }}
          onSearch={(v) => set({ q: v.trim() })}
        />
        <Select
          allowClear
          showSearch
          placeholder={t('industry')}
          style={{ width: 150 }}
          value={filters.industry}
          onChange={(v) => set({ industry: v })}
          options={SECTIONS.map((s) => ({ value: s, label: `${s} 门类` }))}
          onSearch={undefined}
        />
        <Select
          allowClear
          placeholder={t('platform')}
          style={{ width: 120 }}
          value={filters.platform}
          onChange={(v) => set({ platform: v })}
          options={(platforms.data?.data ?? []).map((p) => ({ value: p.platform, label: `${p.platform}（${p.enterprises}）` }))}
        />
        <Select
          allowClear
          placeholder={t('tag')}
          style={{ width: 200 }}
          value={filters.tag}
          onChange={(v) => set({ tag: v })}
          options={(tags.data?.data ?? []).map((x) => ({ value: x.code, label: x.name }))}
        />
        <Select
          allowClear
          placeholder={t('cluster')}
          style={{ width: 130 }}
          value={filters.cluster}
          onChange={(v) => set({ cluster: v })}
          options={(clusters.data?.data ?? []).map((c) => ({ value: c.code, label: c.name }))}
        />
        <InputNumber
          placeholder={t('year')}
          min={1980}
          max={2100}
          value={filters.year ? Number(filters.year) : undefined}
          onChange={(v) => set({ year: v ?? undefined })}
          style={{ width: 110 }}
        />
      </Space>
      <Space wrap>
        {FLAGS.map((f) => (
          <Checkbox key={f} checked={filters[f] === 'true'} onChange={(e) => set({ [f]: e.target.checked ? 'true' : undefined })}>
            {t(f)}
          </Checkbox>
        ))}
        <Button onClick={() => setParams(new URLSearchParams(), { replace: true })}>{t('reset')}</Button>
        <Button icon={<DownloadOutlined />} href={buildUrl(eurl(zone, 'export'), filters)}>
          {t('export')}
        </Button>
      </Space>
      <Table<ListedEnterprise>
        rowKey="id"
        size="middle"
        loading={list.isFetching}
        columns={columns}
        dataSource={list.data?.data ?? []}
        locale={{ emptyText: <Empty description={t('empty')} /> }}
        scroll={{ x: 900 }}
        onChange={(p, _f, s) => {
          const sorter = s as SorterResult<ListedEnterprise>;
          const key = sortKey[String(sorter.field ?? '')];
          const sortPatch =
            sorter.order && key ? { sort: key, order: sorter.order === 'descend' ? 'desc' : 'asc' } : { sort: undefined, order: undefined };
          const samePage = sortPatch.sort === filters.sort && sortPatch.order === filters.order;
          set({ ...sortPatch, page: samePage ? p.current : undefined, pageSize: p.pageSize }, samePage);
        }}
        pagination={{
          current: page,
          pageSize,
          total: list.data?.pagination?.total ?? 0,
          showSizeChanger: true,
          showTotal: (n) => t('total', { n }),
        }}
      />
    </Space>
  );
}
