import type { OverviewMetric, OverviewRow } from '@kaifaqu/contracts';
import { Alert, Drawer, Empty, Grid, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useState } from 'react';
import { ApiError } from '../../../api/client.ts';
import { useOverviewRows } from '../../../api/queries.ts';
import { type MessageKey, useLang, useT } from '../../../i18n/index.tsx';
import { formatMoney, formatNumber } from './format.ts';
import type { DrillTarget } from './types.ts';

const valueKind: Partial<Record<OverviewMetric, { title: MessageKey; currency?: 'cny' | 'usd' }>> = {
  aboveScaleIndustrial: { title: 'rows.valueOutput', currency: 'cny' },
  cluster: { title: 'rows.valueOutput', currency: 'cny' },
  actualFdi: { title: 'rows.valueFdi', currency: 'usd' },
  // The server sends the project's contracted investment (yuan); a string (project name) is shown as is.
  fortune500Projects: { title: 'rows.valueInvestment', currency: 'cny' },
};

/** The rows behind one dashboard figure, paged by the server. */
export function RowsDrawer({ zone, target, onClose }: { zone: string; target: DrillTarget | null; onClose: () => void }) {
  const t = useT();
  const [lang] = useLang();
  const screens = Grid.useBreakpoint();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  useEffect(() => {
    // A new figure starts on its first page.
    if (target) setPage(1);
  }, [target]);
  const q = useOverviewRows(zone, target?.metric ?? null, target?.key, page, pageSize);
  const kind = target ? valueKind[target.metric] : undefined;

  const columns: ColumnsType<OverviewRow> = [
    {
      title: t('rows.name'),
      dataIndex: 'name',
      render: (name: string, r) => (
        <>
          {name}
          {r.synthetic ? (
            <Tag color="orange" style={{ marginInlineStart: 6 }}>
              {t('common.demoData')}
            </Tag>
          ) : null}
        </>
      ),
    },
    { title: t('rows.uscc'), dataIndex: 'uscc', responsive: ['md'], render: (v: string | null) => v ?? '—' },
    {
      title: t('rows.industry'),
      key: 'industry',
      responsive: ['sm'],
      render: (_, r) => (r.industryCode ? `${r.industryCode} ${r.industryName ?? ''}` : '—'),
    },
    { title: t('rows.platform'), dataIndex: 'platform', responsive: ['lg'], render: (v: string | null) => v ?? '—' },
  ];
  if (kind) {
    columns.push({
      title: t(kind.title),
      dataIndex: 'value',
      align: kind.currency ? 'right' : 'left',
      render: (v: OverviewRow['value']) => {
        if (v == null) return '—';
        if (typeof v === 'number') return kind.currency ? formatMoney(v, lang, kind.currency) : formatNumber(v, lang);
        return v;
      },
    });
  }

  return (
    <Drawer
      open={!!target}
      onClose={onClose}
      title={target ? t('rows.title', { label: target.label }) : ''}
      size={screens.md ? 880 : '100%'}
      destroyOnHidden
      data-testid="rows-drawer"
    >
      {q.error ? (
        <Alert type="error" showIcon title={q.error instanceof ApiError ? q.error.localized(lang) : t('common.loadFailed')} />
      ) : (
        <Table<OverviewRow>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={q.data?.data ?? []}
          loading={q.isFetching}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('common.empty')} /> }}
          pagination={{
            current: page,
            pageSize,
            total: q.data?.pagination?.total ?? 0,
            showSizeChanger: true,
            showTotal: (n) => t('common.total', { n }),
            onChange: (p, ps) => {
              setPage(ps !== pageSize ? 1 : p);
              setPageSize(ps);
            },
          }}
        />
      )}
    </Drawer>
  );
}
