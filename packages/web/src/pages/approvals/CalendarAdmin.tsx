import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App as AntApp, Button, Card, Col, Form, Input, InputNumber, Popconfirm, Row, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { ApiError, api } from '../../api/client.ts';
import { useApi, useRole } from './hooks.ts';
import { useA } from './i18n.ts';

interface Override {
  year: number;
  holidays: string[];
  workdays: string[];
  note: string | null;
  updatedAt: string;
}
interface Info {
  years: number[];
  packageYears: number[];
  overrides: Override[];
}
interface YearView {
  year: number;
  loaded: boolean;
  inPackage: boolean;
  workingDays: number | null;
  special: { date: string; kind: 'holiday' | 'workday'; name: string | null; source: 'package' | 'override' }[];
}

const lines = (s?: string) =>
  (s ?? '')
    .split(/[\s,，]+/)
    .map((x) => x.trim())
    .filter(Boolean);

export default function CalendarAdmin() {
  const { t, lang } = useA();
  const { sysadmin } = useRole();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const info = useApi<Info>(['calendar'], '/api/calendar').data;
  const [year, setYear] = useState<number>(new Date().getFullYear() + 1);
  const view = useApi<YearView>(['calendar-year', year], `/api/calendar/years/${year}`).data;
  const [form] = Form.useForm();
  const [calc, setCalc] = useState<string>('');
  const err = (e: unknown) =>
    message.error(
      e instanceof ApiError
        ? `${e.localized(lang)}${e.issues.length ? `：${e.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('；')}` : ''}`
        : String(e),
      8,
    );
  const save = useMutation({
    mutationFn: (v: { holidays?: string; workdays?: string; note?: string }) =>
      api(`/api/calendar/overrides/${year}`, {
        method: 'PUT',
        body: { holidays: lines(v.holidays), workdays: lines(v.workdays), note: v.note || null },
      }),
    onSuccess: () => {
      message.success(t('ok'));
      qc.invalidateQueries({ queryKey: ['approvals', 'calendar'] });
      qc.invalidateQueries({ queryKey: ['approvals', 'calendar-year'] });
    },
    onError: err,
  });
  const remove = useMutation({
    mutationFn: (y: number) => api(`/api/calendar/overrides/${y}`, { method: 'DELETE' }),
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: ['approvals', 'calendar'] });
      qc.invalidateQueries({ queryKey: ['approvals', 'calendar-year'] });
    },
    onError: err,
  });
  const edit = (o: Override) => {
    setYear(o.year);
    form.setFieldsValue({ holidays: o.holidays.join('\n'), workdays: o.workdays.join('\n'), note: o.note ?? '' });
  };
  return (
    <Row gutter={16}>
      <Col xs={24} lg={12}>
        <Card size="small" title={t('loadedYears')} style={{ marginBottom: 16 }} loading={!info}>
          {info && (
            <Space direction="vertical" style={{ width: '100%' }}>
              <Typography.Text>
                {t('packageYears')}: {info.packageYears[0]}–{info.packageYears.at(-1)}
              </Typography.Text>
              <Typography.Text>
                {t('loadedYears')}: {info.years[0]}–{info.years.at(-1)}
                {info.years.length !== (info.years.at(-1) ?? 0) - (info.years[0] ?? 0) + 1 ? ` (${info.years.join(', ')})` : ''}
              </Typography.Text>
              <Table<Override>
                size="small"
                rowKey="year"
                pagination={false}
                dataSource={info.overrides}
                locale={{ emptyText: t('empty') }}
                columns={[
                  { title: t('year'), dataIndex: 'year', width: 70 },
                  { title: t('holiday'), render: (_: unknown, o) => o.holidays.length, width: 70 },
                  { title: t('workday'), render: (_: unknown, o) => o.workdays.length, width: 90 },
                  { title: t('source'), dataIndex: 'note', ellipsis: true },
                  {
                    title: '',
                    width: 130,
                    render: (_: unknown, o) =>
                      sysadmin && (
                        <Space size={4}>
                          <Button size="small" onClick={() => edit(o)}>
                            {t('addYear').split('/')[0]}
                          </Button>
                          <Popconfirm title={`${t('delete')} ${o.year}?`} onConfirm={() => remove.mutate(o.year)}>
                            <Button size="small" danger>
                              {t('delete')}
                            </Button>
                          </Popconfirm>
                        </Space>
                      ),
                  },
                ]}
              />
            </Space>
          )}
        </Card>
        <Card size="small" title={t('addYear')}>
          {!sysadmin && <Alert type="info" showIcon message={t('sysadminOnly')} style={{ marginBottom: 12 }} />}
          <Form form={form} layout="vertical" disabled={!sysadmin} onFinish={(v) => save.mutate(v)}>
            <Form.Item label={t('year')}>
              <InputNumber min={1949} max={9999} value={year} onChange={(v) => v && setYear(v)} />
            </Form.Item>
            <Row gutter={8}>
              <Col span={12}>
                <Form.Item name="holidays" label={t('holidays')}>
                  <Input.TextArea rows={8} placeholder={`${year}-01-01`} />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item name="workdays" label={t('workdays')}>
                  <Input.TextArea rows={8} />
                </Form.Item>
              </Col>
            </Row>
            <Form.Item name="note" label={t('source')}>
              <Input maxLength={500} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={save.isPending}>
              {t('save')}
            </Button>
          </Form>
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card
          size="small"
          title={`${year} · ${t('yearView')}`}
          extra={
            view &&
            (view.loaded ? (
              <Tag color="success">{`${t('workingDaysInYear')} ${view.workingDays}`}</Tag>
            ) : (
              <Tag color="error">{t('notLoaded')}</Tag>
            ))
          }
          style={{ marginBottom: 16 }}
        >
          <Table
            size="small"
            rowKey="date"
            pagination={{ pageSize: 15, hideOnSinglePage: true }}
            dataSource={view?.special ?? []}
            locale={{ emptyText: t('empty') }}
            columns={[
              { title: t('date'), dataIndex: 'date', width: 110 },
              {
                title: '',
                dataIndex: 'kind',
                width: 100,
                render: (k: string) => (k === 'holiday' ? <Tag color="red">{t('holiday')}</Tag> : <Tag color="blue">{t('workday')}</Tag>),
              },
              { title: '', dataIndex: 'name', render: (v: string | null) => v ?? '' },
              { title: t('origin'), dataIndex: 'source', render: (s: string) => (s === 'package' ? t('fromPackage') : t('fromOverride')) },
            ]}
          />
        </Card>
        <Card size="small" title={t('tryCalc')}>
          <Form
            layout="inline"
            style={{ rowGap: 8 }}
            onFinish={async (v: { date: string; n: number }) => {
              try {
                setCalc((await api<{ date: string }>('/api/calendar/add-working-days', { query: { date: v.date, n: v.n } })).date);
              } catch (e) {
                setCalc(e instanceof ApiError ? e.localized(lang) : String(e));
              }
            }}
          >
            <Form.Item name="date" label={t('date')} rules={[{ required: true }]}>
              <Input placeholder="2026-09-30" style={{ width: 130 }} />
            </Form.Item>
            <Form.Item name="n" label={t('n')} rules={[{ required: true }]}>
              <InputNumber style={{ width: 90 }} />
            </Form.Item>
            <Button htmlType="submit">{t('calc')}</Button>
            {calc && <Typography.Text strong>→ {calc}</Typography.Text>}
          </Form>
        </Card>
      </Col>
    </Row>
  );
}
