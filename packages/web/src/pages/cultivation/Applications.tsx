import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Form, InputNumber, Popover, Select, Space, Steps, Table, Tag } from 'antd';
import { api } from '../../api/client.ts';
import { Reminders } from './Funnel.tsx';
import { cvUrl, useCv, useCvRole } from './hooks.ts';
import { stageLabels, tierLabels, useI } from './i18n.ts';

interface Application {
  id: number;
  enterpriseId: number;
  name: string;
  level: string;
  year: number;
  stage: string;
  history: { stage: string; at: string; note: string | null }[];
  synthetic: boolean;
}
const flow = ['submitted', 'district', 'city', 'province', 'recognized'];

/** 申报跟踪: 申报 → 区级初审 → 市级推荐 → 省级认定/国家级公示 → 认定 (or 未通过), with certificate reminders. */
export default function Applications() {
  const { t, label, lang } = useI();
  const { zone, writer } = useCvRole();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const q = useCv<Application[]>(['applications'], cvUrl(zone, 'applications'));
  const refresh = () => qc.invalidateQueries({ queryKey: ['cultivation', 'applications'] });
  const move = useMutation({
    mutationFn: (v: { id: number; stage: string }) =>
      api(cvUrl(zone, `applications/${v.id}/stage`), { method: 'POST', body: { stage: v.stage } }),
    onSuccess: refresh,
    onError: (e: Error) => message.error(e.message),
  });
  const create = useMutation({
    mutationFn: (v: { enterpriseId: number; level: string; year: number }) => api(cvUrl(zone, 'applications'), { method: 'POST', body: v }),
    onSuccess: () => {
      message.success(t('saved'));
      refresh();
    },
    onError: (e: Error) => message.error(e.message),
  });
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      {writer && (
        <Card size="small" title={t('newApplication')}>
          <Form layout="inline" onFinish={(v) => create.mutate(v)} initialValues={{ year: new Date().getFullYear(), level: 'specialized' }}>
            <Form.Item name="enterpriseId" label={t('enterpriseId')} rules={[{ required: true }]}>
              <InputNumber min={1} />
            </Form.Item>
            <Form.Item name="level" label={t('level')}>
              <Select
                style={{ width: 180 }}
                options={Object.keys(tierLabels)
                  .filter((k) => k !== 'all')
                  .map((k) => ({ value: k, label: label(tierLabels, k) }))}
              />
            </Form.Item>
            <Form.Item name="year" label={t('applicationYear')}>
              <InputNumber min={2000} max={2100} />
            </Form.Item>
            <Button htmlType="submit" type="primary" loading={create.isPending}>
              {t('create')}
            </Button>
          </Form>
        </Card>
      )}
      <Table<Application>
        size="small"
        rowKey="id"
        loading={q.isLoading}
        dataSource={q.data ?? []}
        scroll={{ x: 1000 }}
        locale={{ emptyText: <Empty description={t('empty')} /> }}
        pagination={{ pageSize: 15, hideOnSinglePage: true }}
        columns={[
          {
            title: t('enterprise'),
            dataIndex: 'name',
            render: (v, r) => (
              <>
                {v} {r.synthetic && <Tag>{t('demo')}</Tag>}
              </>
            ),
          },
          { title: t('level'), dataIndex: 'level', render: (v) => label(tierLabels, v) },
          { title: t('applicationYear'), dataIndex: 'year' },
          {
            title: t('stage'),
            width: 420,
            render: (_, r) => (
              <Popover
                title={t('history')}
                content={
                  <ul style={{ margin: 0, paddingLeft: 16 }}>
                    {r.history.map((h) => (
                      <li key={`${h.stage}-${h.at}`}>
                        {h.at} {label(stageLabels, h.stage)} {h.note ?? ''}
                      </li>
                    ))}
                  </ul>
                }
              >
                <div>
                  <Steps
                    size="small"
                    current={r.stage === 'rejected' ? Math.max(0, r.history.length - 2) : flow.indexOf(r.stage)}
                    status={r.stage === 'rejected' ? 'error' : r.stage === 'recognized' ? 'finish' : 'process'}
                    items={flow.map((s) => ({ title: <span style={{ fontSize: 11 }}>{label(stageLabels, s).split('/')[0]}</span> }))}
                  />
                  {r.stage === 'rejected' && <Tag color="red">{label(stageLabels, 'rejected')}</Tag>}
                </div>
              </Popover>
            ),
          },
          ...(writer
            ? [
                {
                  title: '',
                  render: (_: unknown, r: Application) => {
                    if (r.stage === 'recognized' || r.stage === 'rejected') return null;
                    const next = flow[flow.indexOf(r.stage) + 1];
                    return (
                      <Space>
                        <Button size="small" onClick={() => move.mutate({ id: r.id, stage: next })}>
                          {lang === 'en' ? '→ ' : '推进至'}
                          {label(stageLabels, next).split('/')[0]}
                        </Button>
                        <Button size="small" danger onClick={() => move.mutate({ id: r.id, stage: 'rejected' })}>
                          {t('reject')}
                        </Button>
                      </Space>
                    );
                  },
                },
              ]
            : []),
        ]}
      />
      <Reminders />
    </Space>
  );
}
