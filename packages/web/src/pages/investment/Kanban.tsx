import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App as AntApp, Button, Dropdown, Empty, Input, Modal, Segmented, Space, Spin, Statistic, Tag, Tooltip } from 'antd';
import { type DragEvent, useState } from 'react';
import { Link } from 'react-router-dom';
import { ApiError, api } from '../../api/client.ts';
import { zonePath } from '../../routes.tsx';
import { iurl, type Kanban as KanbanData, useInv, useInvRole, yi } from './hooks.ts';
import { STAGE_ORDER, stageLabels, useI } from './i18n.ts';
import { ProjectForm } from './ProjectForm.tsx';

const PER_STAGE = 20;

/** 项目看板: one column per stage with count, planned investment and weighted forecast; drag a card to move it. */
export default function Kanban() {
  const { t, lang } = useI();
  const { zone, writer } = useInvRole();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const [q, setQ] = useState('');
  const [foreign, setForeign] = useState<string>('all');
  const [creating, setCreating] = useState(false);
  const [pending, setPending] = useState<{ id: number; stage: string } | null>(null);
  const [reason, setReason] = useState('');
  const [over, setOver] = useState<string | null>(null);
  const k = useInv<KanbanData>(['kanban', zone], iurl(zone, 'kanban'), {
    q: q || undefined,
    foreign: foreign === 'all' ? undefined : foreign,
    perStage: PER_STAGE,
  });
  const move = useMutation({
    mutationFn: (v: { id: number; stage: string; reason?: string }) =>
      api(iurl(zone, `projects/${v.id}/stage`), { method: 'POST', body: { stage: v.stage, reason: v.reason } }),
    onSuccess: (_d, v) => {
      message.success(t('moved', { s: stageLabels[v.stage][lang] }));
      qc.invalidateQueries({ queryKey: ['investment'] });
    },
    onError: (e) => message.error(e instanceof ApiError ? e.localized(lang) : String(e), 6),
  });
  const moveTo = (id: number, stage: string) => {
    if (stage === 'on_hold' || stage === 'lost') {
      setReason('');
      setPending({ id, stage });
    } else move.mutate({ id, stage });
  };
  const drop = (stage: string) => (e: DragEvent) => {
    e.preventDefault();
    setOver(null);
    const id = Number(e.dataTransfer.getData('text/plain'));
    const from = e.dataTransfer.getData('application/x-stage');
    if (!id || from === stage || !writer) return;
    moveTo(id, stage);
  };
  const data = k.data;
  const synthetic = data?.stages.some((s) => s.cards.some((c) => c.synthetic));
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Space wrap>
          <Input.Search allowClear placeholder={t('search')} onSearch={setQ} style={{ width: 240 }} />
          <Segmented
            value={foreign}
            onChange={(v) => setForeign(String(v))}
            options={[
              { label: t('all'), value: 'all' },
              { label: t('foreign'), value: 'true' },
              { label: t('domestic'), value: 'false' },
            ]}
          />
          {synthetic && <Tag color="orange">{t('demo')}</Tag>}
        </Space>
        <Space wrap size="large">
          <Statistic title={t('projects')} value={data?.count ?? 0} />
          <Statistic title={`${t('total')}（${t('unitYi')}）`} value={yi(data?.totalYuan ?? 0)} />
          <Tooltip title={t('weightedHint')}>
            <Statistic title={`${t('weighted')}（${t('unitYi')}）`} value={yi(data?.weightedYuan ?? 0)} />
          </Tooltip>
          {writer && (
            <Button type="primary" onClick={() => setCreating(true)}>
              {t('newProject')}
            </Button>
          )}
        </Space>
      </Space>
      <Alert
        type="info"
        showIcon
        message={`${writer ? t('dragHint') : t('readOnly')}${data ? `（${t('threshold')}：${yi(data.approvalThresholdYuan)} ${t('unitYi')}）` : ''}`}
      />
      {k.isLoading && <Spin />}
      {data && (
        <div style={{ display: 'flex', gap: 8, overflowX: 'auto', paddingBottom: 8 }}>
          {data.stages.map((s) => (
            // biome-ignore lint/a11y/noStaticElementInteractions: drop target for dragging; the 调整阶段 menu on each card is the keyboard alternative
            <div
              key={s.stage}
              data-testid={`column-${s.stage}`}
              onDragOver={(e) => {
                if (!writer) return;
                e.preventDefault();
                setOver(s.stage);
              }}
              onDragLeave={() => setOver((o) => (o === s.stage ? null : o))}
              onDrop={drop(s.stage)}
              style={{
                flex: '0 0 200px',
                background: over === s.stage ? '#e6f4ff' : '#f5f5f5',
                borderRadius: 8,
                padding: 8,
                minHeight: 300,
              }}
            >
              <div style={{ marginBottom: 8 }}>
                <Tag color={stageLabels[s.stage].color}>{lang === 'en' ? s.labelEn : s.label}</Tag>
                <b>{s.count}</b>
                <div style={{ fontSize: 12, color: '#666' }}>
                  {yi(s.sumYuan)} {t('unitYi')} · {t('probability')} {Math.round(s.probability * 100)}%
                </div>
                <div style={{ fontSize: 12, color: '#666' }}>
                  {t('weighted')} {yi(s.weightedYuan)} {t('unitYi')}
                </div>
              </div>
              <div style={{ maxHeight: 620, overflowY: 'auto' }}>
                {s.cards.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('empty')} />}
                {s.cards.map((c) => (
                  // biome-ignore lint/a11y/noStaticElementInteractions: draggable card; the 调整阶段 menu is the keyboard alternative
                  <div
                    key={c.id}
                    draggable={writer}
                    onDragStart={(e) => {
                      e.dataTransfer.setData('text/plain', String(c.id));
                      e.dataTransfer.setData('application/x-stage', c.stage);
                    }}
                    style={{
                      background: '#fff',
                      borderRadius: 6,
                      padding: 8,
                      marginBottom: 6,
                      boxShadow: '0 1px 2px rgba(0,0,0,.08)',
                      cursor: writer ? 'grab' : 'default',
                    }}
                  >
                    <Link to={zonePath(zone, `investment/projects/${c.id}`)} style={{ fontWeight: 500, wordBreak: 'break-all' }}>
                      {c.name}
                    </Link>
                    <div style={{ fontSize: 12, color: '#666', wordBreak: 'break-all' }}>{c.investor}</div>
                    <Space size={4} wrap style={{ marginTop: 4 }}>
                      <span style={{ fontSize: 12 }}>
                        {yi(c.contractInvestmentYuan)} {t('unitYi')}
                      </span>
                      {c.foreign && <Tag color="blue">{c.sourceCountry ?? t('foreign')}</Tag>}
                      {c.fortune500 && <Tag color="gold">500强</Tag>}
                      {writer && (
                        <Dropdown
                          trigger={['click']}
                          menu={{
                            items: STAGE_ORDER.filter((x) => x !== c.stage).map((x) => ({ key: x, label: stageLabels[x][lang] })),
                            onClick: ({ key }) => moveTo(c.id, key),
                          }}
                        >
                          <Button size="small" type="link" aria-label={t('moveTo')}>
                            {t('moveTo')}
                          </Button>
                        </Dropdown>
                      )}
                    </Space>
                  </div>
                ))}
              </div>
              {s.count > s.cards.length && (
                <div style={{ fontSize: 12, color: '#999' }}>{t('moreCards', { n: s.count - s.cards.length, m: s.cards.length })}</div>
              )}
            </div>
          ))}
        </div>
      )}
      <Modal
        open={!!pending}
        title={pending ? t('reasonFor', { s: stageLabels[pending.stage][lang] }) : ''}
        okText={t('save')}
        cancelText={t('cancel')}
        okButtonProps={{ disabled: !reason.trim() }}
        onCancel={() => setPending(null)}
        onOk={() => {
          if (pending) move.mutate({ ...pending, reason });
          setPending(null);
        }}
      >
        <Input.TextArea rows={3} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} />
      </Modal>
      <ProjectForm open={creating} onClose={() => setCreating(false)} />
    </Space>
  );
}
