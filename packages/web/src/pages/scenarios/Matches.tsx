import { App, Button, Card, Col, Empty, Input, Modal, Row, Space, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { ApiError, api } from '../../api/client.ts';
import { zonePath } from '../../routes.tsx';
import { scUrl, useInvalidateSc, useSc, useScenarioRole } from './hooks.ts';
import { STAGE_LABELS, STAGE_PATH, useI } from './i18n.ts';

interface MatchRow {
  id: number;
  needId: number;
  capabilityId: number;
  needTitle: string;
  capabilityTitle: string;
  source: string;
  stage: string;
  score: number | null;
  notes: string | null;
  synthetic: boolean;
  history: { id: number; toStage: string; at: string; note: string | null; actor: string | null }[];
}

const STAGE_COLORS: Record<string, string> = {
  recommended: '#8c8c8c',
  contacted: '#1677ff',
  negotiating: '#13c2c2',
  pilot: '#722ed1',
  signed: '#52c41a',
  failed: '#ff4d4f',
};

/** Match board: one column per stage; a card moves forward (or to 未成) with an optional note. */
export default function ScenarioMatches() {
  const { t, label, lang } = useI();
  const { zone } = useScenarioRole();
  const { message } = App.useApp();
  const invalidate = useInvalidateSc();
  const list = useSc<MatchRow[]>(['matches', zone], scUrl(zone, 'matches'));
  const [edit, setEdit] = useState<{ m: MatchRow; stage?: string } | null>(null);
  const [note, setNote] = useState('');
  const [notes, setNotes] = useState('');
  const rows = list.data?.data ?? [];
  const open = (m: MatchRow, stage?: string) => {
    setEdit({ m, stage });
    setNote('');
    setNotes(m.notes ?? '');
  };
  const save = async () => {
    if (!edit) return;
    try {
      await api(scUrl(zone, `matches/${edit.m.id}`), {
        method: 'PATCH',
        body: { ...(edit.stage ? { stage: edit.stage, note: note || null } : {}), notes: notes || null },
      });
      message.success(t('ok'));
      setEdit(null);
      invalidate();
    } catch (e) {
      message.error(e instanceof ApiError ? e.localized(lang) : (e as Error).message);
    }
  };
  const date = (s: string) => s.slice(0, 10);
  return (
    <>
      <Row gutter={[8, 8]} wrap data-testid="match-board">
        {[...STAGE_PATH, 'failed'].map((stage) => {
          const cards = rows.filter((r) => r.stage === stage);
          return (
            <Col key={stage} xs={24} sm={12} lg={8} xl={4}>
              <Card
                size="small"
                title={
                  <Space>
                    <span style={{ display: 'inline-block', width: 8, height: 8, borderRadius: 4, background: STAGE_COLORS[stage] }} />
                    {label(STAGE_LABELS, stage)}
                    <Tag>{cards.length}</Tag>
                  </Space>
                }
                styles={{ body: { background: '#fafafa', padding: 8, minHeight: 120 } }}
              >
                {cards.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('empty')} />}
                {cards.map((m) => {
                  const i = STAGE_PATH.indexOf(m.stage);
                  const next = i >= 0 && i < STAGE_PATH.length - 1 ? STAGE_PATH[i + 1] : null;
                  const last = m.history[m.history.length - 1];
                  return (
                    <Card key={m.id} size="small" style={{ marginBottom: 8 }} styles={{ body: { padding: 8 } }}>
                      <div style={{ fontSize: 12 }}>
                        <Tag color="volcano" style={{ marginInlineEnd: 4 }}>
                          {t('needFor')}
                        </Tag>
                        <Link to={zonePath(zone, `scenarios/items/${m.needId}`)}>{m.needTitle}</Link>
                      </div>
                      <div style={{ fontSize: 12, marginTop: 4 }}>
                        <Tag color="geekblue" style={{ marginInlineEnd: 4 }}>
                          {t('capFor')}
                        </Tag>
                        <Link to={zonePath(zone, `scenarios/items/${m.capabilityId}`)}>{m.capabilityTitle}</Link>
                      </div>
                      <Typography.Text type="secondary" style={{ fontSize: 11, display: 'block', marginTop: 4 }}>
                        {m.source === 'engine' ? t('engine') : t('person')}
                        {m.score != null ? ` · ${m.score.toFixed(1)}` : ''}
                        {last ? ` · ${date(last.at)}` : ''}
                        {m.synthetic ? ` · ${t('demo')}` : ''}
                      </Typography.Text>
                      {m.notes && (
                        <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ fontSize: 12, margin: '4px 0 0' }}>
                          {m.notes}
                        </Typography.Paragraph>
                      )}
                      {!['signed', 'failed'].includes(m.stage) && (
                        <Space size={4} style={{ marginTop: 6 }} wrap>
                          {next && (
                            <Button size="small" type="primary" ghost onClick={() => open(m, next)}>
                              → {label(STAGE_LABELS, next)}
                            </Button>
                          )}
                          <Button size="small" danger onClick={() => open(m, 'failed')}>
                            {label(STAGE_LABELS, 'failed')}
                          </Button>
                          <Tooltip title={t('notes')}>
                            <Button size="small" onClick={() => open(m)}>
                              {t('notes')}
                            </Button>
                          </Tooltip>
                        </Space>
                      )}
                    </Card>
                  );
                })}
              </Card>
            </Col>
          );
        })}
      </Row>
      <Modal
        open={!!edit}
        title={edit?.stage ? `${t('moveTo')}「${label(STAGE_LABELS, edit.stage)}」` : t('notes')}
        okText={t('save')}
        cancelText={t('cancel')}
        onCancel={() => setEdit(null)}
        onOk={save}
      >
        {edit && (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Typography.Text type="secondary">
              {edit.m.needTitle} ⇄ {edit.m.capabilityTitle}
            </Typography.Text>
            <div style={{ fontSize: 12 }}>
              {edit.m.history.map((h) => (
                <div key={h.id}>
                  {date(h.at)} · {label(STAGE_LABELS, h.toStage)}
                  {h.actor ? ` · ${h.actor}` : ''}
                  {h.note ? ` · ${h.note}` : ''}
                </div>
              ))}
            </div>
            {edit.stage && <Input placeholder={t('comment')} value={note} onChange={(e) => setNote(e.target.value)} maxLength={2000} />}
            <Input.TextArea rows={3} placeholder={t('notes')} value={notes} onChange={(e) => setNotes(e.target.value)} maxLength={5000} />
          </Space>
        )}
      </Modal>
    </>
  );
}
