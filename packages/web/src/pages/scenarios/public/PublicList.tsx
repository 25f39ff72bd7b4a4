import { Alert, Card, Col, Input, List, Pagination, Row, Segmented, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { type Batch, type ItemRow, pubUrl, useSc } from '../hooks.ts';
import { STATE_COLORS, STATE_LABELS, useI } from '../i18n.ts';
import { PublicShell } from './PublicShell.tsx';

type ZoneInfo = { zone?: { code: string; name: string; nameEn: string | null } };

/** Public list: engine search, kind/tag/batch filters, batches with links to their print pages and exports. */
export default function PublicScenarioList() {
  const { t, label, lang } = useI();
  const { zone = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const kind = params.get('kind') ?? '';
  const tag = params.get('tag') ?? undefined;
  const batch = params.get('batch') ? Number(params.get('batch')) : undefined;
  const page = Number(params.get('page') ?? 1);
  const [text, setText] = useState(q);
  const set = (patch: Record<string, string | number | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries({ page: undefined, ...patch }))
      if (v === undefined || v === '') next.delete(k);
      else next.set(k, String(v));
    setParams(next, { replace: true });
  };
  const list = useSc<ItemRow[]>(['pub-items', zone, q, kind, tag, batch, page], pubUrl(zone, 'items'), {
    q: q || undefined,
    kind: kind || undefined,
    tag,
    batch,
    page,
    pageSize: 10,
  });
  const tags = useSc<{ tag: string; n: number }[]>(['pub-tags', zone], pubUrl(zone, 'tags'));
  const batches = useSc<Batch[]>(['pub-batches', zone], pubUrl(zone, 'batches'));
  const z = (list.data as ZoneInfo | undefined)?.zone;
  const zoneName = z ? (lang === 'en' ? (z.nameEn ?? z.name) : z.name) : undefined;
  return (
    <PublicShell zone={zone} zoneName={zoneName}>
      <Alert type="info" showIcon style={{ marginBottom: 12 }} message={`${t('demo')}：${t('slogan')}`} />
      <Row gutter={[16, 16]}>
        <Col xs={24} md={17}>
          <Card size="small" data-testid="public-scenarios">
            <Space wrap style={{ marginBottom: 12, width: '100%' }}>
              <Input.Search
                allowClear
                value={text}
                onChange={(e) => setText(e.target.value)}
                onSearch={(v) => set({ q: v.trim() || undefined })}
                placeholder={t('searchPh')}
                style={{ width: 300 }}
                aria-label={t('search')}
                maxLength={200}
              />
              <Segmented
                value={kind}
                onChange={(v) => set({ kind: String(v) || undefined })}
                options={[
                  { value: '', label: t('allKinds') },
                  { value: 'need', label: t('need') },
                  { value: 'capability', label: t('capability') },
                ]}
              />
              <Select
                allowClear
                showSearch
                placeholder={t('allTags')}
                value={tag}
                style={{ width: 150 }}
                onChange={(v) => set({ tag: v })}
                options={(tags.data?.data ?? []).map((x) => ({ value: x.tag, label: `${x.tag}（${x.n}）` }))}
              />
              <Select
                allowClear
                placeholder={t('allBatches')}
                value={batch}
                style={{ width: 120 }}
                onChange={(v) => set({ batch: v })}
                options={(batches.data?.data ?? []).map((b) => ({ value: b.number, label: t('batchN', { n: b.number }) }))}
              />
            </Space>
            <Typography.Text type="secondary" data-testid="results" data-q={list.isFetching ? undefined : q}>
              {t('results', { n: list.data?.pagination?.total ?? 0 })}
            </Typography.Text>
            <List
              loading={list.isLoading}
              dataSource={list.data?.data ?? []}
              locale={{ emptyText: t('empty') }}
              renderItem={(it) => (
                <List.Item key={it.id} data-testid="public-item">
                  <List.Item.Meta
                    title={
                      <Space wrap size={4}>
                        <Tag color={it.kind === 'need' ? 'volcano' : 'geekblue'}>{t(it.kind)}</Tag>
                        <Link to={`/p/${encodeURIComponent(zone)}/scenarios/${it.id}`}>{it.title}</Link>
                        {it.state !== 'published' && <Tag color={STATE_COLORS[it.state]}>{label(STATE_LABELS, it.state)}</Tag>}
                      </Space>
                    }
                    description={
                      <>
                        <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ marginBottom: 4, color: '#555' }}>
                          {it.description}
                        </Typography.Paragraph>
                        <Space size={[4, 4]} wrap>
                          {it.tags.map((x) => (
                            <Tag key={x} style={{ cursor: 'pointer' }} onClick={() => set({ tag: x })}>
                              {x}
                            </Tag>
                          ))}
                          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                            {it.publisher ?? ''}
                            {it.batchNumber ? ` · ${t('batchN', { n: it.batchNumber })}` : ''}
                          </Typography.Text>
                        </Space>
                      </>
                    }
                  />
                </List.Item>
              )}
            />
            <Pagination
              style={{ marginTop: 12, textAlign: 'right' }}
              current={page}
              pageSize={10}
              total={list.data?.pagination?.total ?? 0}
              onChange={(p) => set({ page: p })}
              showSizeChanger={false}
            />
          </Card>
        </Col>
        <Col xs={24} md={7}>
          <Card size="small" title={t('tabBatches')}>
            <List
              size="small"
              dataSource={batches.data?.data ?? []}
              locale={{ emptyText: t('empty') }}
              renderItem={(b) => (
                <List.Item>
                  <Space direction="vertical" size={0}>
                    <Link to={`/p/${encodeURIComponent(zone)}/scenarios/batches/${b.number}`}>{b.title}</Link>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {b.publishedOn ?? ''} · {t('results', { n: b.items })}
                    </Typography.Text>
                  </Space>
                </List.Item>
              )}
            />
            <a href={pubUrl(zone, 'feed.xml')} style={{ fontSize: 12 }}>
              {t('feed')}
            </a>
          </Card>
        </Col>
      </Row>
    </PublicShell>
  );
}
