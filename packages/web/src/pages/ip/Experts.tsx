import { Alert, App, Button, Card, Col, Form, Input, Modal, Row, Select, Space, Statistic, Table, Tag } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import { ipUrl, useInvalidateIp, useIp, useIpRole } from './hooks.ts';
import { useI } from './i18n.ts';

interface Expert {
  id: number;
  kind: string;
  name: string;
  organisation: string | null;
  fields: string[];
  languages: string[];
  countries: string[];
}
interface Help {
  id: number;
  enterpriseName: string;
  countryName: string | null;
  topic: string;
  status: string;
  expertName: string | null;
  advice: string | null;
}
interface Network {
  countries: number;
  rows: { country: string; countryName: string; partners: number; experts: number }[];
}

/** Expert committee, the partner network by country, and help requests (request → expert → advice). */
export default function IpExperts() {
  const { t } = useI();
  const { zone, writer, isEnterprise } = useIpRole();
  const { message } = App.useApp();
  const invalidate = useInvalidateIp();
  const experts = useIp<Expert[]>(['experts', zone], ipUrl(zone, 'experts'));
  const network = useIp<Network>(['network', zone], ipUrl(zone, 'network'));
  const help = useIp<Help[]>(['help', zone], ipUrl(zone, 'help-requests'));
  const [dialog, setDialog] = useState<{ kind: 'new' | 'assign' | 'advice'; id?: number } | null>(null);
  const [err, setErr] = useState<string | null>(null);
  const [form] = Form.useForm();
  const helpLabel: Record<string, string> = {
    open: t('helpOpen'),
    assigned: t('helpAssigned'),
    answered: t('helpAnswered'),
    closed: t('helpClosed'),
  };

  const submit = async () => {
    const v = await form.validateFields();
    try {
      if (dialog?.kind === 'new')
        await api(ipUrl(zone, 'help-requests'), {
          method: 'POST',
          body: { topic: v.topic, country: v.country || null, description: v.description || null },
        });
      if (dialog?.kind === 'assign')
        await api(ipUrl(zone, `help-requests/${dialog.id}/assign`), { method: 'POST', body: { expertId: v.expertId } });
      if (dialog?.kind === 'advice')
        await api(ipUrl(zone, `help-requests/${dialog.id}/advice`), { method: 'POST', body: { advice: v.advice } });
      message.success(t('ok'));
      setDialog(null);
      setErr(null);
      form.resetFields();
      invalidate();
    } catch (e) {
      setErr((e as Error).message);
    }
  };

  return (
    <>
      <Tag color="orange" style={{ marginBottom: 12 }}>
        {t('demo')}
      </Tag>
      <Card
        size="small"
        title={t('helpRequests')}
        extra={
          isEnterprise && (
            <Button type="primary" size="small" onClick={() => setDialog({ kind: 'new' })}>
              {t('newHelp')}
            </Button>
          )
        }
      >
        <Table
          size="small"
          rowKey="id"
          dataSource={help.data ?? []}
          pagination={{ pageSize: 8 }}
          locale={{ emptyText: t('empty') }}
          expandable={{ expandedRowRender: (r: Help) => r.advice ?? '—', rowExpandable: (r: Help) => !!r.advice }}
          columns={[
            { title: t('enterprise'), dataIndex: 'enterpriseName', ellipsis: true },
            { title: t('country'), dataIndex: 'countryName', render: (v: string | null) => v ?? '—' },
            { title: t('topic'), dataIndex: 'topic' },
            { title: t('expert'), dataIndex: 'expertName', ellipsis: true, render: (v: string | null) => v ?? '—' },
            {
              title: t('status'),
              dataIndex: 'status',
              render: (v: string) => <Tag color={v === 'answered' ? 'green' : v === 'open' ? 'gold' : undefined}>{helpLabel[v] ?? v}</Tag>,
            },
            ...(writer
              ? [
                  {
                    title: '',
                    key: 'act',
                    render: (_: unknown, r: Help) =>
                      r.status === 'closed' ? null : (
                        <Space>
                          <Button size="small" onClick={() => setDialog({ kind: 'assign', id: r.id })}>
                            {t('assign')}
                          </Button>
                          {r.expertName && (
                            <Button size="small" onClick={() => setDialog({ kind: 'advice', id: r.id })}>
                              {t('logAdvice')}
                            </Button>
                          )}
                        </Space>
                      ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      <Row gutter={12} style={{ marginTop: 12 }}>
        <Col xs={24} lg={9}>
          <Card size="small" title={t('network')}>
            <Statistic title={t('networkCountries')} value={network.data?.countries ?? 0} />
            <Table
              size="small"
              rowKey="country"
              dataSource={network.data?.rows ?? []}
              pagination={{ pageSize: 10, showSizeChanger: false }}
              locale={{ emptyText: t('empty') }}
              columns={[
                { title: t('country'), dataIndex: 'countryName', render: (v: string, r) => `${v}（${r.country}）` },
                { title: t('partners'), dataIndex: 'partners', align: 'right' },
                { title: t('kindExpert'), dataIndex: 'experts', align: 'right' },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={15}>
          <Card size="small" title={t('experts')}>
            <Table
              size="small"
              rowKey="id"
              dataSource={experts.data ?? []}
              pagination={{ pageSize: 10, showSizeChanger: false }}
              locale={{ emptyText: t('empty') }}
              columns={[
                { title: t('kind'), dataIndex: 'kind', render: (v: string) => (v === 'expert' ? t('kindExpert') : t('kindPartner')) },
                { title: t('name'), dataIndex: 'name', ellipsis: true },
                { title: t('fields'), dataIndex: 'fields', render: (v: string[]) => v.join('、') },
                { title: t('languages'), dataIndex: 'languages', render: (v: string[]) => v.join('、') },
                { title: t('countries'), dataIndex: 'countries', render: (v: string[]) => v.join(' ') },
              ]}
            />
          </Card>
        </Col>
      </Row>
      <Modal
        open={!!dialog}
        title={dialog?.kind === 'new' ? t('newHelp') : dialog?.kind === 'assign' ? t('assign') : t('logAdvice')}
        okText={t('save')}
        cancelText={t('cancel')}
        onOk={submit}
        onCancel={() => setDialog(null)}
        destroyOnHidden
      >
        {err && <Alert type="error" message={err} style={{ marginBottom: 8 }} />}
        <Form form={form} layout="vertical">
          {dialog?.kind === 'new' && (
            <>
              <Form.Item name="topic" label={t('topic')} rules={[{ required: true, min: 2 }]}>
                <Input />
              </Form.Item>
              <Form.Item name="country" label={t('country')}>
                <Input placeholder="US / DE / JP …" maxLength={2} />
              </Form.Item>
              <Form.Item name="description" label={t('description')}>
                <Input.TextArea rows={3} />
              </Form.Item>
            </>
          )}
          {dialog?.kind === 'assign' && (
            <Form.Item name="expertId" label={t('expert')} rules={[{ required: true }]}>
              <Select showSearch optionFilterProp="label" options={(experts.data ?? []).map((e) => ({ value: e.id, label: e.name }))} />
            </Form.Item>
          )}
          {dialog?.kind === 'advice' && (
            <Form.Item name="advice" label={t('advice')} rules={[{ required: true, min: 2 }]}>
              <Input.TextArea rows={4} />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </>
  );
}
