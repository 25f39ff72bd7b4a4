import { Card, Result, Space, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { type ItemRow, pubUrl, useSc } from '../hooks.ts';
import { ItemFacts } from '../ItemFacts.tsx';
import { STATE_COLORS, STATE_LABELS, useI } from '../i18n.ts';
import { PublicShell } from './PublicShell.tsx';
import { RespondButton } from './RespondButton.tsx';

/** Public item detail (text only, escaped) with 我要对接. */
export default function PublicScenarioItem() {
  const { t, label, lang } = useI();
  const { zone = '', id = '' } = useParams();
  const r = useSc<ItemRow>(['pub-item', zone, id], pubUrl(zone, `items/${id}`));
  const it = r.data?.data;
  const z = (r.data as { zone?: { name: string; nameEn: string | null } } | undefined)?.zone;
  return (
    <PublicShell zone={zone} zoneName={z ? (lang === 'en' ? (z.nameEn ?? z.name) : z.name) : undefined}>
      {r.isError ? (
        <Result status="404" title={t('notFound')} extra={<Link to={`/p/${encodeURIComponent(zone)}/scenarios`}>{t('backToList')}</Link>} />
      ) : (
        <Card
          loading={!it}
          title={
            it && (
              <Space wrap>
                <span>{it.title}</span>
                <Tag color={STATE_COLORS[it.state]}>{label(STATE_LABELS, it.state)}</Tag>
                {it.synthetic && <Tag color="orange">{t('demo')}</Tag>}
              </Space>
            )
          }
          extra={it && <RespondButton zone={zone} itemId={it.id} disabled={!['published', 'matching'].includes(it.state)} />}
        >
          {it && (
            <>
              <ItemFacts item={it} />
              <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
                <Link to={`/p/${encodeURIComponent(zone)}/scenarios`}>← {t('backToList')}</Link>
                {it.batchNumber ? (
                  <>
                    {' · '}
                    <Link to={`/p/${encodeURIComponent(zone)}/scenarios/batches/${it.batchNumber}`}>
                      {t('batchN', { n: it.batchNumber })}
                    </Link>
                  </>
                ) : null}
              </Typography.Paragraph>
            </>
          )}
        </Card>
      )}
    </PublicShell>
  );
}
