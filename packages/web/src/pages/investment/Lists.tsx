import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Segmented, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../../api/client.ts';
import { zonePath } from '../../routes.tsx';
import { iurl, useInv, useInvRole, yi } from './hooks.ts';
import { approvalStatus, followKinds, stageLabels, useI } from './i18n.ts';

interface Notifications {
  pendingApprovals: number;
  decisions: {
    eventId: number;
    approvalId: number;
    projectId: number;
    projectName: string;
    action: string;
    comment: string | null;
    at: string;
  }[];
  overdueFollowups: number;
}

/** In-app reminders: approvals waiting for a leader, decisions on my requests, overdue follow-ups. */
export function NotificationBar() {
  const { t, lang } = useI();
  const { zone } = useInvRole();
  const qc = useQueryClient();
  const n = useInv<Notifications>(['notifications', zone], iurl(zone, 'notifications'));
  const seen = useMutation({
    mutationFn: (ids: number[]) => api(iurl(zone, 'notifications/seen'), { method: 'POST', body: { eventIds: ids } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['investment', 'notifications'] }),
  });
  const d = n.data;
  if (!d || (!d.pendingApprovals && !d.decisions.length && !d.overdueFollowups)) return null;
  return (
    <Space direction="vertical" style={{ width: '100%', marginBottom: 12 }}>
      {d.pendingApprovals > 0 && <Alert type="warning" showIcon message={t('pendingCount', { n: d.pendingApprovals })} />}
      {d.decisions.length > 0 && (
        <Alert
          type="info"
          showIcon
          message={t('decisionsCount', { n: d.decisions.length })}
          description={d.decisions.slice(0, 5).map((x) => (
            <div key={x.eventId}>
              <Link to={zonePath(zone, `investment/projects/${x.projectId}`)}>{x.projectName}</Link>：
              {approvalStatus[x.action === 'approve' ? 'approved' : 'returned'][lang]}
              {x.comment ? `（${x.comment}）` : ''}
            </div>
          ))}
          action={
            <Button size="small" onClick={() => seen.mutate(d.decisions.map((x) => x.eventId))}>
              {t('markSeen')}
            </Button>
          }
        />
      )}
      {d.overdueFollowups > 0 && <Alert type="error" showIcon message={t('overdueCount', { n: d.overdueFollowups })} />}
    </Space>
  );
}

interface Overdue {
  id: number;
  projectId: number;
  projectName: string;
  stage: string;
  kind: string;
  happenedOn: string;
  summary: string;
  nextAction: string | null;
  nextActionOn: string;
  actor: string | null;
}

export function OverdueList() {
  const { t, lang } = useI();
  const { zone } = useInvRole();
  const r = useInv<Overdue[]>(['overdue', zone], iurl(zone, 'followups/overdue'));
  const today = Date.parse(new Date().toISOString().slice(0, 10));
  return (
    <Table
      size="small"
      rowKey="id"
      loading={r.isLoading}
      dataSource={r.data ?? []}
      locale={{ emptyText: t('noOverdue') }}
      scroll={{ x: true }}
      columns={[
        {
          title: t('project'),
          dataIndex: 'projectName',
          render: (v: string, o) => <Link to={zonePath(zone, `investment/projects/${o.projectId}`)}>{v}</Link>,
        },
        {
          title: t('stage'),
          dataIndex: 'stage',
          render: (s: string) => <Tag color={stageLabels[s]?.color}>{stageLabels[s]?.[lang] ?? s}</Tag>,
        },
        { title: t('nextAction'), dataIndex: 'nextAction', render: (v: string | null) => v ?? '—' },
        {
          title: t('nextActionOn'),
          dataIndex: 'nextActionOn',
          render: (v: string) => (
            <Space>
              {v}
              <Tag color="red">
                {t('overdue')} {Math.round((today - Date.parse(v)) / 86_400_000)}d
              </Tag>
            </Space>
          ),
        },
        { title: t('kind'), dataIndex: 'kind', render: (k: string) => followKinds[k]?.[lang] ?? k },
        { title: t('summary'), dataIndex: 'summary' },
        { title: t('officer'), dataIndex: 'actor', render: (v: string | null) => v ?? '—' },
      ]}
    />
  );
}

interface ApprovalRow {
  id: number;
  projectId: number;
  projectName: string;
  status: string;
  amountYuan: number;
  requestedBy: string | null;
  decidedBy: string | null;
  updatedAt: string;
  synthetic: boolean;
}

export function ApprovalList() {
  const { t, lang } = useI();
  const { zone } = useInvRole();
  const [status, setStatus] = useState<string>('pending');
  const r = useInv<ApprovalRow[]>(['approvals', zone], iurl(zone, 'approvals'), { status: status === 'all' ? undefined : status });
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Segmented
        value={status}
        onChange={(v) => setStatus(String(v))}
        options={[{ value: 'all', label: t('all') }, ...Object.entries(approvalStatus).map(([v, l]) => ({ value: v, label: l[lang] }))]}
      />
      <Table
        size="small"
        rowKey="id"
        loading={r.isLoading}
        dataSource={r.data ?? []}
        locale={{ emptyText: t('noData') }}
        scroll={{ x: true }}
        columns={[
          { title: '#', dataIndex: 'id', width: 60 },
          {
            title: t('project'),
            dataIndex: 'projectName',
            render: (v: string, a) => <Link to={zonePath(zone, `investment/projects/${a.projectId}`)}>{v}</Link>,
          },
          { title: `${t('amount')}（${t('unitYi')}）`, dataIndex: 'amountYuan', align: 'right', render: (v: number) => yi(v) },
          {
            title: t('status'),
            dataIndex: 'status',
            render: (s: string) => <Tag color={approvalStatus[s]?.color}>{approvalStatus[s]?.[lang] ?? s}</Tag>,
          },
          { title: t('requestedBy'), dataIndex: 'requestedBy', render: (v: string | null) => v ?? '—' },
          { title: t('decidedBy'), dataIndex: 'decidedBy', render: (v: string | null) => v ?? '—' },
          { title: '', dataIndex: 'synthetic', render: (s: boolean) => (s ? <Tag color="orange">{t('demo')}</Tag> : null) },
        ]}
      />
    </Space>
  );
}
