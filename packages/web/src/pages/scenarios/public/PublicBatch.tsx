import { PrinterOutlined } from '@ant-design/icons';
import { Button, Card, Result, Space, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { type ItemRow, pubUrl, useSc, wanText } from '../hooks.ts';
import { useI } from '../i18n.ts';
import { PublicShell } from './PublicShell.tsx';

interface BatchDetail {
  number: number;
  title: string;
  publishedOn: string | null;
  synthetic: boolean;
  items: ItemRow[];
}

/** 第N批机会清单 as a document: print-friendly (see print.css), with xlsx export. */
export default function PublicScenarioBatch() {
  const { t, lang } = useI();
  const { zone = '', n = '' } = useParams();
  const r = useSc<BatchDetail>(['pub-batch', zone, n], pubUrl(zone, `batches/${n}`));
  const b = r.data?.data;
  const z = (r.data as { zone?: { name: string; nameEn: string | null } } | undefined)?.zone;
  const zoneName = z ? (lang === 'en' ? (z.nameEn ?? z.name) : z.name) : undefined;
  const section = (kind: 'need' | 'capability') => {
    const list = b?.items.filter((i) => i.kind === kind) ?? [];
    if (!list.length) return null;
    return (
      <>
        <Typography.Title level={4} style={{ marginTop: 16 }}>
          {t(kind)} ({list.length})
        </Typography.Title>
        {list.map((it, i) => (
          <Card key={it.id} size="small" className="sc-print-item" style={{ marginBottom: 8 }}>
            <Typography.Text strong>
              {i + 1}. <Link to={`/p/${encodeURIComponent(zone)}/scenarios/${it.id}`}>{it.title}</Link>
            </Typography.Text>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: '4px 0' }}>{it.description}</Typography.Paragraph>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {[
                it.tags.join('、'),
                it.industry ? `${t('industryShort')} ${it.industry}` : null,
                it.resource,
                it.location,
                it.budgetMinYuan != null || it.budgetMaxYuan != null
                  ? `${t('budget')} ${wanText(it.budgetMinYuan, it.budgetMaxYuan)}`
                  : null,
                it.publisher,
                it.contact,
              ]
                .filter(Boolean)
                .join(' ｜ ')}
            </Typography.Text>
          </Card>
        ))}
      </>
    );
  };
  return (
    <PublicShell zone={zone} zoneName={zoneName}>
      {r.isError ? (
        <Result status="404" title={t('notFound')} />
      ) : (
        <Card loading={!b} data-testid="public-batch">
          {b && (
            <>
              <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
                <div>
                  <Typography.Title level={3} style={{ margin: 0 }}>
                    {zoneName} {b.title}
                  </Typography.Title>
                  <Typography.Text type="secondary">
                    {t('publishedOn')} {b.publishedOn ?? '—'} · {t('results', { n: b.items.length })}
                  </Typography.Text>
                  {b.synthetic && (
                    <Tag color="orange" style={{ marginLeft: 8 }}>
                      {t('demo')}
                    </Tag>
                  )}
                </div>
                <Space className="no-print">
                  <Button icon={<PrinterOutlined />} onClick={() => window.print()}>
                    {t('print')}
                  </Button>
                  <Button href={pubUrl(zone, `batches/${b.number}/export.xlsx`)}>{t('exportXlsx')}</Button>
                </Space>
              </Space>
              {section('need')}
              {section('capability')}
            </>
          )}
        </Card>
      )}
    </PublicShell>
  );
}
