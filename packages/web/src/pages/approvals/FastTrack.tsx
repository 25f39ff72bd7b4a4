import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  App as AntApp,
  Button,
  Card,
  Checkbox,
  Col,
  Empty,
  Form,
  Input,
  InputNumber,
  Modal,
  Progress,
  Row,
  Space,
  Statistic,
  Table,
  Tabs,
  Tag,
} from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { ApiError, api } from '../../api/client.ts';
import { Chart } from '../../components/Chart.tsx';
import { zonePath } from '../../routes.tsx';
import { type Application, type Item, useApi, usePaged, useRole, zurl } from './hooks.ts';
import { useA } from './i18n.ts';
import { SlaTag } from './SlaTag.tsx';

interface ItemType {
  id: number;
  code: string;
  name: string;
  nameEn: string | null;
  legalDays: number;
  department: string;
}

function NewApplication({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, lang } = useA();
  const { zone, enterprise } = useRole();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const types = useApi<ItemType[]>(['types', zone], open ? zurl(zone, 'item-types') : null);
  const create = useMutation({
    mutationFn: (body: unknown) => api<{ id: number }>(zurl(zone, 'applications'), { method: 'POST', body }),
    onSuccess: () => {
      message.success(t('ok'));
      qc.invalidateQueries({ queryKey: ['approvals'] });
      form.resetFields();
      onClose();
    },
    onError: (e) => message.error(e instanceof ApiError ? e.localized(lang) : String(e)),
  });
  return (
    <Modal
      open={open}
      title={t('newApplication')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('submit')}
      cancelText={t('cancel')}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={(v) => create.mutate(v)}>
        {!enterprise && (
          <Form.Item name="enterpriseId" label={`${t('enterprise')} ID`} rules={[{ required: true }]}>
            <InputNumber min={1} style={{ width: '100%' }} />
          </Form.Item>
        )}
        <Form.Item name="projectName" label={t('project')} rules={[{ required: true, min: 2 }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="landParcel" label={t('parcel')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="itemTypeIds" label={t('itemTypes')} rules={[{ required: true }]}>
          <Checkbox.Group
            options={(types.data ?? []).map((x) => ({
              value: x.id,
              label: `${lang === 'en' && x.nameEn ? x.nameEn : x.name}（${x.legalDays}${lang === 'en' ? ' wd' : '个工作日'}）`,
            }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ApplicationsList() {
  const { t } = useA();
  const { zone, manager, enterprise } = useRole();
  const [page, setPage] = useState(1);
  const [q, setQ] = useState('');
  const [open, setOpen] = useState(false);
  const list = usePaged<Application>(['apps', zone], zurl(zone, 'applications'), { page, pageSize: 20, q: q || undefined });
  const statusTag = (s: string) =>
    s === 'done' ? (
      <Tag color="success">{t('done')}</Tag>
    ) : s === 'in_progress' ? (
      <Tag color="processing">{t('inProgress')}</Tag>
    ) : (
      <Tag>{t('submitted')}</Tag>
    );
  return (
    <>
      <Space style={{ marginBottom: 12 }} wrap>
        <Input.Search
          allowClear
          placeholder={t('search')}
          onSearch={(v) => {
            setQ(v);
            setPage(1);
          }}
          style={{ width: 260 }}
        />
        {(manager || enterprise) && (
          <Button type="primary" onClick={() => setOpen(true)}>
            {t('newApplication')}
          </Button>
        )}
      </Space>
      <Table<Application>
        rowKey="id"
        size="middle"
        loading={list.isLoading}
        dataSource={list.data?.data ?? []}
        locale={{ emptyText: <Empty description={t('noApplications')} /> }}
        scroll={{ x: 800 }}
        pagination={{ current: page, pageSize: 20, total: list.data?.pagination?.total ?? 0, onChange: setPage, showSizeChanger: false }}
        columns={[
          {
            title: t('project'),
            dataIndex: 'projectName',
            render: (v: string, r) => (
              <>
                <Link to={zonePath(zone, `approvals/applications/${r.id}`)}>{v}</Link>
                {r.synthetic && (
                  <Tag color="orange" style={{ marginInlineStart: 6 }}>
                    {t('demo')}
                  </Tag>
                )}
              </>
            ),
          },
          { title: t('enterprise'), dataIndex: 'enterpriseName', ellipsis: true },
          { title: t('parcel'), dataIndex: 'landParcel', responsive: ['lg'] },
          { title: t('submittedOn'), dataIndex: 'submittedOn', width: 110 },
          {
            title: t('progress'),
            width: 150,
            render: (_: unknown, r) => (
              <Progress
                percent={r.itemsTotal ? Math.round((r.itemsDone / r.itemsTotal) * 100) : 0}
                size="small"
                format={() => `${r.itemsDone}/${r.itemsTotal}`}
              />
            ),
          },
          {
            title: t('remaining'),
            width: 150,
            render: (_: unknown, r) =>
              r.itemsOverdue ? (
                <Tag color="error">{t('overdueBy', { n: -(r.minRemainingDays ?? 0) })}</Tag>
              ) : r.minRemainingDays != null ? (
                <Tag color="blue">{t('daysLeft', { n: r.minRemainingDays })}</Tag>
              ) : (
                '—'
              ),
          },
          { title: t('status'), dataIndex: 'status', width: 100, render: statusTag },
        ]}
      />
      <NewApplication open={open} onClose={() => setOpen(false)} />
    </>
  );
}

function OverdueList() {
  const { t, lang } = useA();
  const { zone } = useRole();
  const q = useApi<(Item & { projectName: string; enterpriseName: string })[]>(['overdue', zone], zurl(zone, 'overdue'));
  return (
    <Table
      rowKey="id"
      size="middle"
      loading={q.isLoading}
      dataSource={q.data ?? []}
      locale={{ emptyText: <Empty description={t('noOverdue')} /> }}
      scroll={{ x: 800 }}
      columns={[
        { title: t('item'), render: (_: unknown, r) => (lang === 'en' && r.itemNameEn ? r.itemNameEn : r.itemName) },
        {
          title: t('project'),
          render: (_: unknown, r) => <Link to={zonePath(zone, `approvals/applications/${r.applicationId}`)}>{r.projectName}</Link>,
        },
        { title: t('enterprise'), dataIndex: 'enterpriseName', ellipsis: true, responsive: ['lg'] },
        { title: t('department'), dataIndex: 'department' },
        { title: t('dueOn'), dataIndex: 'dueOn', width: 110 },
        { title: t('remaining'), width: 200, render: (_: unknown, r) => <SlaTag item={r} /> },
      ]}
    />
  );
}

interface Report {
  completed: number;
  onTimeShare: number | null;
  open: number;
  synthetic: boolean;
  byType: {
    itemTypeId: number;
    name: string;
    nameEn: string | null;
    legalDays: number;
    completed: number;
    avgWorkingDays: number | null;
    onTimeShare: number | null;
    open: number;
    overdue: number;
  }[];
}

function ReportView() {
  const { t, lang } = useA();
  const { zone } = useRole();
  const q = useApi<Report>(['report', zone], zurl(zone, 'report'));
  const r = q.data;
  if (!r) return <Card loading />;
  const names = r.byType.map((b) => (lang === 'en' && b.nameEn ? b.nameEn : b.name));
  return (
    <>
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col xs={12} md={6}>
          <Statistic title={t('completed')} value={r.completed} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic
            title={t('onTime')}
            value={r.onTimeShare == null ? '—' : (r.onTimeShare * 100).toFixed(1)}
            suffix={r.onTimeShare == null ? '' : '%'}
          />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('open')} value={r.open} />
        </Col>
        <Col xs={12} md={6}>
          {r.synthetic && <Tag color="orange">{t('demo')}</Tag>}
        </Col>
      </Row>
      <Chart
        height={300}
        ariaLabel={t('report')}
        option={{
          tooltip: { trigger: 'axis' },
          legend: { top: 0, data: [t('avgDays'), t('legalDays')] },
          grid: { left: 40, right: 20, bottom: 70, top: 36 },
          xAxis: { type: 'category', data: names, axisLabel: { interval: 0, rotate: names.some((n) => n.length > 6) ? 20 : 0 } },
          yAxis: { type: 'value' },
          series: [
            { name: t('avgDays'), type: 'bar', data: r.byType.map((b) => b.avgWorkingDays ?? 0) },
            { name: t('legalDays'), type: 'bar', data: r.byType.map((b) => b.legalDays) },
          ],
        }}
      />
      <Table
        rowKey="itemTypeId"
        size="small"
        pagination={false}
        dataSource={r.byType}
        scroll={{ x: 700 }}
        columns={[
          { title: t('item'), render: (_: unknown, b) => (lang === 'en' && b.nameEn ? b.nameEn : b.name) },
          { title: t('legalDays'), dataIndex: 'legalDays' },
          { title: t('completed'), dataIndex: 'completed' },
          { title: t('avgDays'), dataIndex: 'avgWorkingDays', render: (v: number | null) => v ?? '—' },
          { title: t('onTime'), dataIndex: 'onTimeShare', render: (v: number | null) => (v == null ? '—' : `${(v * 100).toFixed(1)}%`) },
          { title: t('open'), dataIndex: 'open' },
          { title: t('overdue'), dataIndex: 'overdue', render: (v: number) => (v ? <Tag color="error">{v}</Tag> : 0) },
        ]}
      />
    </>
  );
}

function ItemTypes() {
  const { t, lang } = useA();
  const { zone, manager } = useRole();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const q = useApi<ItemType[]>(['types', zone], zurl(zone, 'item-types'));
  const [edits, setEdits] = useState<Record<number, number>>({});
  const save = useMutation({
    mutationFn: (v: { id: number; legalDays: number }) =>
      api(zurl(zone, `item-types/${v.id}`), { method: 'PATCH', body: { legalDays: v.legalDays } }),
    onSuccess: () => {
      message.success(t('ok'));
      qc.invalidateQueries({ queryKey: ['approvals'] });
    },
    onError: (e) => message.error(e instanceof ApiError ? e.localized(lang) : String(e)),
  });
  return (
    <Table<ItemType>
      rowKey="id"
      size="small"
      pagination={false}
      loading={q.isLoading}
      dataSource={q.data ?? []}
      columns={[
        { title: t('item'), render: (_: unknown, x) => (lang === 'en' && x.nameEn ? x.nameEn : x.name) },
        { title: t('department'), dataIndex: 'department' },
        {
          title: t('legalDays'),
          width: 260,
          render: (_: unknown, x) =>
            manager ? (
              <Space>
                <InputNumber
                  min={1}
                  max={365}
                  value={edits[x.id] ?? x.legalDays}
                  onChange={(v) => v && setEdits({ ...edits, [x.id]: v })}
                />
                <Button
                  size="small"
                  disabled={!edits[x.id] || edits[x.id] === x.legalDays}
                  onClick={() => save.mutate({ id: x.id, legalDays: edits[x.id] })}
                >
                  {t('saveLimit')}
                </Button>
              </Space>
            ) : (
              x.legalDays
            ),
        },
      ]}
    />
  );
}

export default function FastTrack() {
  const { t } = useA();
  const { staff } = useRole();
  const items = [{ key: 'list', label: t('applications'), children: <ApplicationsList /> }];
  if (staff)
    items.push(
      { key: 'overdue', label: t('overdue'), children: <OverdueList /> },
      { key: 'report', label: t('report'), children: <ReportView /> },
      { key: 'types', label: t('itemTypesTab'), children: <ItemTypes /> },
    );
  return <Tabs items={items} destroyOnHidden />;
}
