import { App, Button, Card, Empty, Input, Modal, Result, Space, Table, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ApiError, api } from '../../api/client.ts';
import { zonePath } from '../../routes.tsx';
import { type ItemRow, scUrl, useInvalidateSc, useSc, useScenarioRole, type Why } from './hooks.ts';
import { ItemFacts, WhyView } from './ItemFacts.tsx';
import { STAGE_LABELS, STATE_COLORS, STATE_LABELS, useI } from './i18n.ts';

interface Detail extends ItemRow {
  history: { id: number; fromState: string | null; toState: string; comment: string | null; actor: string | null; at: string }[];
  responses: { id: number; enterpriseName: string | null; message: string; contact: string; createdAt: string }[];
  matches: {
    id: number;
    needId: number;
    capabilityId: number;
    needTitle: string;
    capabilityTitle: string;
    stage: string;
    source: string;
  }[];
}
interface Suggestion {
  id: number;
  title: string;
  kind: string;
  score: number;
  tags: string[];
  industry: string | null;
  why: Why;
  tracked: boolean;
}

/** Which moves each state offers, and who may make them (the server checks again). */
const MOVES: Record<
  string,
  {
    to: string;
    key: 'submit' | 'publish' | 'returnDraft' | 'toMatching' | 'land' | 'close' | 'withdraw';
    reviewer?: boolean;
    owner?: boolean;
  }[]
> = {
  draft: [{ to: 'pending', key: 'submit', owner: true }],
  pending: [
    { to: 'published', key: 'publish', reviewer: true },
    { to: 'draft', key: 'returnDraft', reviewer: true },
  ],
  published: [
    { to: 'matching', key: 'toMatching' },
    { to: 'closed', key: 'close' },
    { to: 'withdrawn', key: 'withdraw', owner: true },
  ],
  matching: [
    { to: 'landed', key: 'land' },
    { to: 'closed', key: 'close' },
    { to: 'withdrawn', key: 'withdraw', owner: true },
  ],
};

export default function ScenarioItemDetail() {
  const { t, label, lang } = useI();
  const { id } = useParams();
  const { zone, staff, reviewer, isEnterprise } = useScenarioRole();
  const { message } = App.useApp();
  const invalidate = useInvalidateSc();
  const d = useSc<Detail>(['item', zone, id], scUrl(zone, `items/${id}`));
  const sug = useSc<Suggestion[]>(['suggest', zone, id], staff && d.data?.data ? scUrl(zone, `items/${id}/suggestions`) : null, { k: 8 });
  const [move, setMove] = useState<{ to: string; title: string } | null>(null);
  const [comment, setComment] = useState('');
  const item = d.data?.data;
  if (d.isError) return <Result status="404" title={t('notFound')} />;
  if (!item) return <Card loading />;

  const run = async (fn: () => Promise<unknown>) => {
    try {
      await fn();
      message.success(t('ok'));
      invalidate();
    } catch (e) {
      message.error(e instanceof ApiError ? e.localized(lang) : (e as Error).message);
    }
  };
  const moves = (MOVES[item.state] ?? []).filter((m) => (m.reviewer ? reviewer : staff || (isEnterprise && m.owner)));
  const timing = (sug.data as { timing?: { engineMs: number } } | undefined)?.timing;

  return (
    <Space direction="vertical" style={{ width: '100%' }} size={12}>
      <Card
        title={
          <Space wrap>
            <Link to={zonePath(zone, 'scenarios')}>{t('title')}</Link>
            <span>/</span>
            <span>{item.title}</span>
            <Tag color={STATE_COLORS[item.state]}>{label(STATE_LABELS, item.state)}</Tag>
            {item.synthetic && <Tag color="orange">{t('demo')}</Tag>}
          </Space>
        }
        extra={
          <Space wrap>
            {moves.map((m) => (
              <Button
                key={m.to}
                danger={m.to === 'withdrawn'}
                type={m.to === 'published' ? 'primary' : 'default'}
                onClick={() => setMove({ to: m.to, title: t(m.key) })}
              >
                {t(m.key)}
              </Button>
            ))}
            {item.state === 'draft' && (staff || isEnterprise) && (
              <Button
                danger
                onClick={() =>
                  run(async () => {
                    await api(scUrl(zone, `items/${item.id}`), { method: 'DELETE' });
                    window.history.back();
                  })
                }
              >
                {t('delete')}
              </Button>
            )}
          </Space>
        }
      >
        <ItemFacts item={item} />
      </Card>

      {staff && (
        <Card
          size="small"
          title={t('suggestions')}
          extra={
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('suggestionsHint')}
              {timing ? ` · ${t('timing', { ms: timing.engineMs })}` : ''}
            </Typography.Text>
          }
        >
          <Table<Suggestion>
            size="small"
            rowKey="id"
            loading={sug.isLoading}
            dataSource={sug.data?.data ?? []}
            pagination={false}
            locale={{ emptyText: t('empty') }}
            scroll={{ x: 900 }}
            data-testid="suggestions"
            columns={[
              {
                title: item.kind === 'need' ? t('capFor') : t('needFor'),
                dataIndex: 'title',
                width: 260,
                render: (v: string, r) => <Link to={zonePath(zone, `scenarios/items/${r.id}`)}>{v}</Link>,
              },
              { title: t('score'), dataIndex: 'score', width: 70, render: (v: number) => v.toFixed(2) },
              { title: t('why'), dataIndex: 'why', render: (w: Why) => <WhyView why={w} /> },
              {
                title: '',
                width: 110,
                render: (_: unknown, r) =>
                  r.tracked ? (
                    <Tag>{t('tracked')}</Tag>
                  ) : ['published', 'matching'].includes(item.state) ? (
                    <Button
                      size="small"
                      onClick={() =>
                        run(() =>
                          api(scUrl(zone, 'matches'), {
                            method: 'POST',
                            body: {
                              needId: item.kind === 'need' ? item.id : r.id,
                              capabilityId: item.kind === 'need' ? r.id : item.id,
                              source: 'engine',
                              score: r.score,
                            },
                          }),
                        )
                      }
                    >
                      {t('adopt')}
                    </Button>
                  ) : null,
              },
            ]}
          />
        </Card>
      )}

      <Space align="start" wrap style={{ width: '100%' }} styles={{ item: { flex: '1 1 360px' } }}>
        <Card size="small" title={t('history')}>
          <Timeline
            items={item.history.map((h) => ({
              color: h.toState === 'withdrawn' ? 'red' : h.toState === 'published' ? 'green' : 'blue',
              children: (
                <span>
                  {new Date(h.at).toLocaleString(lang === 'en' ? 'en-GB' : 'zh-CN')} · {label(STATE_LABELS, h.toState)}
                  {h.actor ? ` · ${h.actor}` : ''}
                  {h.comment ? ` · ${h.comment}` : ''}
                </span>
              ),
            }))}
          />
        </Card>
        <Card size="small" title={t('responses')}>
          {item.responses.length ? (
            item.responses.map((r) => (
              <div key={r.id} style={{ marginBottom: 8 }}>
                <Typography.Text strong>{r.enterpriseName ?? '—'}</Typography.Text> · {r.contact}
                <div style={{ whiteSpace: 'pre-wrap' }}>{r.message}</div>
              </div>
            ))
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('empty')} />
          )}
        </Card>
        {staff && (
          <Card size="small" title={t('matches')}>
            {item.matches.length ? (
              item.matches.map((m) => (
                <div key={m.id} style={{ marginBottom: 6 }}>
                  <Tag color="blue">{label(STAGE_LABELS, m.stage)}</Tag>
                  {item.kind === 'need' ? m.capabilityTitle : m.needTitle}
                </div>
              ))
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('empty')} />
            )}
          </Card>
        )}
      </Space>

      <Modal
        open={!!move}
        title={move?.title}
        okText={move?.title}
        cancelText={t('cancel')}
        onCancel={() => setMove(null)}
        onOk={() =>
          run(async () => {
            await api(scUrl(zone, `items/${item.id}/transition`), { method: 'POST', body: { to: move!.to, comment: comment || null } });
            setMove(null);
            setComment('');
          })
        }
      >
        <Input.TextArea rows={3} placeholder={t('comment')} value={comment} onChange={(e) => setComment(e.target.value)} />
      </Modal>
    </Space>
  );
}
