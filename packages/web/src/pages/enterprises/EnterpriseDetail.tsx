import type { EnterpriseDetail as Detail } from '@kaifaqu/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Descriptions, Empty, Form, Input, Modal, Select, Space, Spin, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ApiError, api } from '../../api/client.ts';
import { Chart } from '../../components/Chart.tsx';
import { zonePath } from '../../routes.tsx';
import { eurl, useEnt, wan } from './hooks.ts';
import { useI } from './i18n.ts';

const show = (v: unknown) =>
  v == null || v === '' ? '—' : Array.isArray(v) ? v.join('、') || '—' : typeof v === 'boolean' ? (v ? '是' : '否') : String(v);

/** One enterprise: profile, yearly figures charted, field history; editors (and the firm itself) can edit. */
export default function EnterpriseDetail() {
  const { t, d, lang } = useI();
  const { zone = '', id = '' } = useParams();
  const q = useEnt<Detail>(['detail', zone, id], eurl(zone, id));
  const tags = useEnt<{ code: string; name: string; nameEn: string }[]>(['tags', zone], eurl(zone, 'tags'));
  const [editing, setEditing] = useState(false);
  const e = q.data?.data;
  const tagName = new Map((tags.data?.data ?? []).map((x) => [x.code, lang === 'en' ? x.nameEn : x.name]));

  const option = useMemo(() => {
    const ys = e?.years ?? [];
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0, data: [t('revenue'), `${t('output').replace('亿元', '万元').replace('100m', '10k')}`, t('employees')] },
      grid: { left: 60, right: 60, top: 60, bottom: 30 },
      xAxis: { type: 'category', data: ys.map((y) => String(y.year)) },
      yAxis: [
        { type: 'value', name: lang === 'en' ? '10k ¥' : '万元' },
        { type: 'value', name: t('employees'), splitLine: { show: false } },
      ],
      series: [
        { name: t('revenue'), type: 'bar', data: ys.map((y) => (y.revenueYuan == null ? null : Math.round(y.revenueYuan / 1e4))) },
        {
          name: `${t('output').replace('亿元', '万元').replace('100m', '10k')}`,
          type: 'bar',
          data: ys.map((y) => (y.industrialOutputYuan == null ? null : Math.round(y.industrialOutputYuan / 1e4))),
        },
        { name: t('employees'), type: 'line', yAxisIndex: 1, data: ys.map((y) => y.employees) },
      ],
    };
  }, [e, t, lang]);

  if (q.isLoading) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (q.error || !e)
    return (
      <Card>
        <Empty description={q.error instanceof ApiError ? q.error.localized(lang) : '—'} />
      </Card>
    );

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={
          <Space wrap>
            <span>{e.name}</span>
            {e.synthetic && <Tag color="orange">{t('demo')}</Tag>}
            {e.closedOn && (
              <Tag>
                {t('closed')} {e.closedOn}
              </Tag>
            )}
          </Space>
        }
        extra={
          <Space>
            <Link to={zonePath(zone, 'enterprises')}>{t('back')}</Link>
            <Button type="primary" onClick={() => setEditing(true)}>
              {t('edit')}
            </Button>
          </Space>
        }
      >
        <Descriptions column={{ xs: 1, md: 2, xl: 3 }} size="small">
          <Descriptions.Item label={t('uscc')}>
            <Typography.Text copyable style={{ fontFamily: 'monospace' }}>
              {e.uscc}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('formerNames')}>{show(e.formerNames)}</Descriptions.Item>
          <Descriptions.Item label={t('legalRepresentative')}>{show(e.legalRepresentative)}</Descriptions.Item>
          <Descriptions.Item label={t('registeredCapital')}>{wan(e.registeredCapitalYuan)}</Descriptions.Item>
          <Descriptions.Item label={t('established')}>{show(e.establishedOn)}</Descriptions.Item>
          <Descriptions.Item label={t('platform')}>{show(e.platform)}</Descriptions.Item>
          <Descriptions.Item label={t('industryCode')}>
            {e.industryCode ? `${e.industryCode} ${e.industryName ?? ''}` : '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('secondaryIndustries')}>{show(e.secondaryIndustryCodes)}</Descriptions.Item>
          <Descriptions.Item label={t('address')}>{show(e.address)}</Descriptions.Item>
          <Descriptions.Item label={t('foreignInvested')}>
            {e.foreignInvested ? `${t('foreignInvested')} ${e.sourceCountry ?? ''}` : '—'}
            {e.hkMacaoTaiwan && (
              <Tag color="magenta" style={{ marginLeft: 8 }}>
                {t('hkMacaoTaiwan')}
              </Tag>
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t('fortune500Parent')}>{show(e.fortune500Parent)}</Descriptions.Item>
          <Descriptions.Item label={t('listedAs')}>
            {e.listedExchange ? `${e.listedExchange} ${e.listedTicker ?? ''}` : '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('highTechCert')}>
            {e.highTechCertNo ? `${e.highTechCertNo}（${e.highTechValidFrom ?? '?'} ~ ${e.highTechValidTo ?? '?'}）` : '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('techSme')}>{show(e.techSme)}</Descriptions.Item>
          <Descriptions.Item label={t('clusters')}>
            {e.clusters.length ? e.clusters.map((c) => <Tag key={c.code}>{c.name}</Tag>) : '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('tag')}>
            {e.tags.length
              ? e.tags.map((x) => (
                  <Tag key={x} color="cyan">
                    {tagName.get(x) ?? x}
                  </Tag>
                ))
              : '—'}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title={t('yearlyChart')}>
        {e.years.length ? <Chart option={option} height={300} ariaLabel={t('yearlyChart')} /> : <Empty description={t('noYears')} />}
        {e.years.length > 0 && (
          <Table
            rowKey="year"
            size="small"
            pagination={false}
            scroll={{ x: 800 }}
            dataSource={e.years}
            columns={[
              { title: t('year'), dataIndex: 'year' },
              {
                title: t('aboveScale'),
                dataIndex: 'aboveScale',
                render: (v: boolean) => (v ? <Tag color="blue">{t('aboveScale')}</Tag> : '—'),
              },
              { title: t('revenue'), dataIndex: 'revenueYuan', align: 'right', render: wan },
              {
                title: t('output').replace('亿元', '万元').replace('100m', '10k'),
                dataIndex: 'industrialOutputYuan',
                align: 'right',
                render: wan,
              },
              { title: t('tax'), dataIndex: 'taxYuan', align: 'right', render: wan },
              { title: t('rd'), dataIndex: 'rdExpenseYuan', align: 'right', render: wan },
              { title: t('exports'), dataIndex: 'exportsYuan', align: 'right', render: wan },
              { title: t('employees'), dataIndex: 'employees', align: 'right', render: (v: number | null) => v ?? '—' },
            ]}
          />
        )}
      </Card>
      <Card title={t('history')}>
        <Table
          rowKey="id"
          size="small"
          dataSource={e.changes}
          locale={{ emptyText: <Empty description={t('noHistory')} /> }}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          scroll={{ x: 700 }}
          columns={[
            { title: t('at'), dataIndex: 'at', width: 170, render: (v: string) => v.slice(0, 19).replace('T', ' ') },
            { title: t('field'), dataIndex: 'field', render: (v: string, c) => `${v === '*' ? '—' : v}${c.year ? ` [${c.year}]` : ''}` },
            { title: t('kind'), dataIndex: 'kind', render: (v: string) => <Tag>{d.kinds[v] ?? v}</Tag> },
            {
              title: t('before'),
              dataIndex: 'before',
              render: (v: unknown) => (typeof v === 'object' && v && !Array.isArray(v) ? JSON.stringify(v) : show(v)),
            },
            {
              title: t('after'),
              dataIndex: 'after',
              render: (v: unknown) => (typeof v === 'object' && v && !Array.isArray(v) ? JSON.stringify(v) : show(v)),
            },
          ]}
        />
      </Card>
      {editing && <EditModal e={e} zone={zone} tags={tags.data?.data ?? []} onClose={() => setEditing(false)} />}
    </Space>
  );
}

function EditModal({ e, zone, tags, onClose }: { e: Detail; zone: string; tags: { code: string; name: string }[]; onClose: () => void }) {
  const { t, lang } = useI();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const save = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      const patch = {
        name: v.name,
        legalRepresentative: v.legalRepresentative || null,
        address: v.address || null,
        platform: v.platform || null,
        industryCode: v.industryCode || null,
        formerNames: v.formerNames ?? [],
        tags: v.tags ?? [],
      };
      await api(eurl(zone, String(e.id)), { method: 'PATCH', body: patch });
      message.success(t('saved'));
      await qc.invalidateQueries({ queryKey: ['enterprises'] });
      onClose();
    } catch (err) {
      message.error(err instanceof ApiError ? err.localized(lang) : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={`${t('edit')} · ${e.name}`}
      onCancel={onClose}
      onOk={save}
      confirmLoading={busy}
      okText={t('save')}
      cancelText={t('cancel')}
    >
      <Form form={form} layout="vertical" initialValues={{ ...e }}>
        <Form.Item name="name" label={t('name')} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Form.Item name="formerNames" label={t('formerNames')}>
          <Select mode="tags" />
        </Form.Item>
        <Form.Item name="legalRepresentative" label={t('legalRepresentative')}>
          <Input />
        </Form.Item>
        <Form.Item name="address" label={t('address')}>
          <Input />
        </Form.Item>
        <Form.Item name="platform" label={t('platform')}>
          <Input />
        </Form.Item>
        <Form.Item name="industryCode" label={t('industryCode')} rules={[{ pattern: /^\d{4}$/, message: '4位小类代码' }]}>
          <Input maxLength={4} />
        </Form.Item>
        <Form.Item name="tags" label={t('tag')}>
          <Select mode="multiple" options={tags.map((x) => ({ value: x.code, label: x.name }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
