import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Empty, Row, Select, Space, Statistic, Table, Tag, Upload } from 'antd';
import { useState } from 'react';
import { CSRF_COOKIE, readCookie } from '../../api/client.ts';
import { StateTag } from './Gap.tsx';
import { ipUrl, useInvalidateIp, useIp, useIpPage, useIpRole, wan } from './hooks.ts';
import { KIND_LABELS, STATUS_LABELS, useI } from './i18n.ts';

interface Portfolio {
  enterpriseName: string | null;
  classCounts: { class1HighValue: number; class1SelfDeveloped: number; class1: number; class2: number };
  counts: { kind: string; jurisdiction: string; status: string; n: number }[];
  gap: {
    rows: {
      country: string;
      countryName: string;
      kind: string;
      revenueSharePct: number;
      revenueAtRiskYuan: number;
      patents: number;
      trademarks: number;
      pending: number;
      state: string;
    }[];
  };
  markets: { id: number; country: string; products: string | null }[];
}
interface Asset {
  id: number;
  kind: string;
  number: string;
  title: string;
  jurisdiction: string;
  filingDate: string | null;
  grantDate: string | null;
  expiryDate: string | null;
  status: string;
  ipClass: string | null;
  familyId: string | null;
  valuationYuan: number | null;
  synthetic: boolean;
}

function EnterprisePicker({ value, name, onChange }: { value: number | null; name?: string | null; onChange: (id: number) => void }) {
  const { t } = useI();
  const { zone } = useIpRole();
  const [q, setQ] = useState('');
  const { data } = useIp<{ id: number; name: string }[]>(['ents', zone], `/api/zones/${encodeURIComponent(zone)}/enterprises`, {
    q: q || undefined,
    pageSize: 20,
  });
  return (
    <Select
      showSearch
      style={{ width: 360 }}
      placeholder={t('pickEnterprise')}
      value={value ?? undefined}
      filterOption={false}
      onSearch={setQ}
      onChange={onChange}
      options={[
        ...(value && name && !(data ?? []).some((e) => e.id === value) ? [{ value, label: name }] : []),
        ...(data ?? []).map((e) => ({ value: e.id, label: e.name })),
      ]}
    />
  );
}

/** One enterprise's IP portfolio: class counts, export-market matrix, register and xlsx import. */
export default function IpPortfolio({ enterpriseId, onPick }: { enterpriseId: number | null; onPick: (id: number) => void }) {
  const { t, label } = useI();
  const { zone, writer, isEnterprise, enterpriseId: own } = useIpRole();
  const { message } = App.useApp();
  const invalidate = useInvalidateIp();
  const id = isEnterprise ? own : enterpriseId;
  const [page, setPage] = useState(1);
  const [importIssues, setImportIssues] = useState<{ row?: number; column?: string; message: string }[] | null>(null);
  const portfolio = useIp<Portfolio>(['portfolio', zone, id], id ? ipUrl(zone, `enterprises/${id}/portfolio`) : null);
  const assets = useIpPage<Asset[]>(['assets', zone, id, page], id ? ipUrl(zone, 'assets') : null, {
    enterpriseId: id ?? undefined,
    page,
    pageSize: 10,
  });
  const canEdit = writer || isEnterprise;

  const upload = async (file: File) => {
    const fd = new FormData();
    fd.append('file', file);
    const res = await fetch(`${ipUrl(zone, 'assets/import')}?enterpriseId=${id}`, {
      method: 'POST',
      body: fd,
      headers: { 'x-csrf-token': readCookie(CSRF_COOKIE) ?? '' },
      credentials: 'same-origin',
    });
    const body = await res.json();
    if (res.ok) {
      setImportIssues(null);
      message.success(t('imported', { n: body.data.imported }));
      invalidate();
    } else {
      setImportIssues(body.error?.issues ?? [{ message: body.error?.message ?? t('importFailed') }]);
    }
    return false;
  };

  return (
    <>
      {!isEnterprise && (
        <Space style={{ marginBottom: 12 }}>
          <EnterprisePicker value={enterpriseId} name={portfolio.data?.enterpriseName} onChange={onPick} />
        </Space>
      )}
      {!id ? (
        <Empty description={t('pickEnterprise')} />
      ) : (
        <>
          <Tag color="orange" style={{ marginBottom: 12 }}>
            {t('demo')}
          </Tag>
          <Card size="small" title={t('classCounts')} loading={!portfolio.data}>
            <Row gutter={12}>
              {(['class1HighValue', 'class1SelfDeveloped', 'class1', 'class2'] as const).map((k) => (
                <Col key={k} xs={12} md={6}>
                  <Statistic title={t(k)} value={portfolio.data?.classCounts[k] ?? 0} />
                </Col>
              ))}
            </Row>
          </Card>
          <Card size="small" title={t('matrix')} style={{ marginTop: 12 }}>
            <Table
              size="small"
              rowKey={(r) => `${r.country}-${r.kind}`}
              dataSource={portfolio.data?.gap.rows ?? []}
              pagination={false}
              locale={{ emptyText: t('empty') }}
              columns={[
                { title: t('country'), dataIndex: 'countryName', render: (v: string, r) => `${v}（${r.country}）` },
                { title: t('kind'), dataIndex: 'kind', render: (v: string) => (v === 'planned' ? t('kindPlanned') : t('kindExport')) },
                { title: t('share'), dataIndex: 'revenueSharePct', align: 'right', render: (v: number) => `${v}%` },
                { title: t('patents'), dataIndex: 'patents', align: 'right' },
                { title: t('trademarks'), dataIndex: 'trademarks', align: 'right' },
                { title: t('pending'), dataIndex: 'pending', align: 'right' },
                { title: t('state'), dataIndex: 'state', render: (v: string) => <StateTag state={v} /> },
                {
                  title: `${t('revenueAtRisk')}（${t('wan')}）`,
                  dataIndex: 'revenueAtRiskYuan',
                  align: 'right',
                  render: (v: number) => wan(v),
                },
              ]}
            />
          </Card>
          <Card
            size="small"
            title={t('assets')}
            style={{ marginTop: 12 }}
            extra={
              <Space>
                <Button size="small" icon={<DownloadOutlined />} href={ipUrl(zone, 'assets/template.xlsx')}>
                  {t('template')}
                </Button>
                {canEdit && (
                  <Upload accept=".xlsx" showUploadList={false} beforeUpload={(f) => upload(f)}>
                    <Button size="small" type="primary" icon={<UploadOutlined />}>
                      {t('importXlsx')}
                    </Button>
                  </Upload>
                )}
              </Space>
            }
          >
            {!canEdit && <Alert type="info" message={t('readOnly')} style={{ marginBottom: 8 }} />}
            {importIssues && (
              <Alert
                type="error"
                closable
                onClose={() => setImportIssues(null)}
                style={{ marginBottom: 8 }}
                message={t('importFailed')}
                description={
                  <ul style={{ margin: 0, paddingLeft: 18, maxHeight: 160, overflow: 'auto' }}>
                    {importIssues.slice(0, 50).map((i) => (
                      <li key={`${i.row ?? ''}-${i.column ?? ''}-${i.message}`}>
                        {i.row != null ? `${t('row', { n: i.row })} ` : ''}
                        {i.column ? `[${i.column}] ` : ''}
                        {i.message}
                      </li>
                    ))}
                  </ul>
                }
              />
            )}
            <Table
              size="small"
              rowKey="id"
              loading={assets.isLoading}
              dataSource={assets.data?.data ?? []}
              locale={{ emptyText: t('empty') }}
              scroll={{ x: 900 }}
              pagination={{
                current: page,
                pageSize: 10,
                total: assets.data?.pagination?.total ?? 0,
                onChange: setPage,
                showSizeChanger: false,
              }}
              columns={[
                { title: t('number'), dataIndex: 'number' },
                { title: t('name'), dataIndex: 'title', ellipsis: true },
                { title: t('type'), dataIndex: 'kind', render: (v: string) => label(KIND_LABELS, v) },
                { title: t('jurisdiction'), dataIndex: 'jurisdiction' },
                { title: t('filingDate'), dataIndex: 'filingDate' },
                { title: t('grantDate'), dataIndex: 'grantDate' },
                { title: t('status'), dataIndex: 'status', render: (v: string) => label(STATUS_LABELS, v) },
                { title: t('ipClass'), dataIndex: 'ipClass', render: (v: string | null) => (v ? `${v}类` : '—') },
                { title: t('family'), dataIndex: 'familyId' },
                { title: t('valuation'), dataIndex: 'valuationYuan', align: 'right', render: (v: number | null) => wan(v) },
              ]}
            />
          </Card>
        </>
      )}
    </>
  );
}
