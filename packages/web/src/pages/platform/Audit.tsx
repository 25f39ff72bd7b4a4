import type { AuditEntry, AuditQuery } from '@kaifaqu/contracts';
import { Alert, Button, Card, DatePicker, Empty, Form, Input, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { ApiError } from '../../api/client.ts';
import { useAudit } from '../../api/queries.ts';
import { useLang, useT } from '../../i18n/index.tsx';

interface FilterForm {
  action?: string;
  entity?: string;
  user?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

function toQuery(f: FilterForm): Partial<AuditQuery> {
  const trim = (s?: string) => s?.trim() || undefined;
  return {
    action: trim(f.action),
    entity: trim(f.entity),
    user: trim(f.user),
    from: f.range?.[0]?.format('YYYY-MM-DD'),
    to: f.range?.[1]?.format('YYYY-MM-DD'),
  };
}

function Json({ value }: { value: unknown }) {
  const t = useT();
  if (value == null) return <Typography.Text type="secondary">{t('audit.none')}</Typography.Text>;
  return <pre style={{ margin: 0, fontSize: 12, whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>{JSON.stringify(value, null, 2)}</pre>;
}

export default function Audit() {
  const t = useT();
  const [lang] = useLang();
  const { zone = '' } = useParams();
  const [form] = Form.useForm<FilterForm>();
  const [filters, setFilters] = useState<Partial<AuditQuery>>({});
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const q = useAudit(zone, { ...filters, page, pageSize });

  const columns: ColumnsType<AuditEntry> = [
    { title: t('audit.at'), dataIndex: 'at', width: 170, render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm:ss') },
    { title: t('audit.user'), dataIndex: 'user', render: (v: string | null) => v ?? '—' },
    { title: t('audit.action'), dataIndex: 'action' },
    { title: t('audit.entity'), dataIndex: 'entity' },
    { title: t('audit.entityId'), dataIndex: 'entityId', responsive: ['md'], render: (v: string | null) => v ?? '—' },
  ];

  return (
    <Card title={t('audit.title')}>
      <Form<FilterForm>
        form={form}
        layout="inline"
        style={{ rowGap: 12, marginBottom: 16 }}
        onFinish={(v) => {
          setFilters(toQuery(v));
          setPage(1);
        }}
      >
        <Form.Item name="action" label={t('audit.action')}>
          <Input allowClear style={{ width: 140 }} />
        </Form.Item>
        <Form.Item name="entity" label={t('audit.entity')}>
          <Input allowClear style={{ width: 140 }} />
        </Form.Item>
        <Form.Item name="user" label={t('audit.user')}>
          <Input allowClear style={{ width: 140 }} />
        </Form.Item>
        <Form.Item name="range" label={t('audit.dateRange')}>
          <DatePicker.RangePicker />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit">
            {t('common.search')}
          </Button>
          <Button
            onClick={() => {
              form.resetFields();
              setFilters({});
              setPage(1);
            }}
          >
            {t('common.reset')}
          </Button>
        </Space>
      </Form>
      {q.error ? (
        <Alert type="error" showIcon title={q.error instanceof ApiError ? q.error.localized(lang) : t('common.loadFailed')} />
      ) : (
        <Table<AuditEntry>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={q.data?.data ?? []}
          loading={q.isFetching}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('common.empty')} /> }}
          expandable={{
            rowExpandable: (r) => r.before != null || r.after != null,
            expandedRowRender: (r) => (
              <Space align="start" wrap size="large">
                <div>
                  <Typography.Text strong>{t('audit.before')}</Typography.Text>
                  <Json value={r.before} />
                </div>
                <div>
                  <Typography.Text strong>{t('audit.after')}</Typography.Text>
                  <Json value={r.after} />
                </div>
              </Space>
            ),
          }}
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
    </Card>
  );
}
