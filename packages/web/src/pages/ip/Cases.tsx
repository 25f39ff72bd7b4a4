import { Alert, App, Button, Card, Input, Modal, Table, Tag } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import { ipUrl, useInvalidateIp, useIp, useIpPage, useIpRole, wan } from './hooks.ts';
import { CASE_STAGE_LABELS, CASE_TYPE_LABELS, useI } from './i18n.ts';

interface CaseRow {
  id: number;
  enterpriseName: string;
  countryName: string | null;
  country: string;
  counterparty: string;
  type: string;
  stage: string;
  nextDeadline: string | null;
  expertName: string | null;
  exhibitionName: string | null;
  outcome: string | null;
  costYuan: number;
  status: string;
}
interface Exhibition {
  id: number;
  name: string;
  countryName: string;
  city: string | null;
  startDate: string;
  endDate: string;
  firmsRegistered: number;
  incidents: number;
  incidentsClosed: number;
}

/** Close dialog shared by cases and policies: a reason is required, nothing is deleted. */
export function useCloseDialog() {
  const { t } = useI();
  const { message } = App.useApp();
  const invalidate = useInvalidateIp();
  const [target, setTarget] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [err, setErr] = useState<string | null>(null);
  const dialog = (
    <Modal
      open={!!target}
      title={t('close')}
      okText={t('close')}
      cancelText={t('cancel')}
      onCancel={() => setTarget(null)}
      onOk={async () => {
        try {
          await api(target!, { method: 'POST', body: { reason } });
          message.success(t('ok'));
          setTarget(null);
          setReason('');
          setErr(null);
          invalidate();
        } catch (e) {
          setErr((e as Error).message);
        }
      }}
    >
      {err && <Alert type="error" message={err} style={{ marginBottom: 8 }} />}
      <Input.TextArea rows={3} placeholder={t('closeReason')} value={reason} onChange={(e) => setReason(e.target.value)} />
    </Modal>
  );
  return { open: (url: string) => setTarget(url), dialog };
}

export default function IpCases() {
  const { t, label } = useI();
  const { zone, writer, isEnterprise } = useIpRole();
  const [page, setPage] = useState(1);
  const cases = useIpPage<CaseRow[]>(['cases', zone, page], ipUrl(zone, 'cases'), { page, pageSize: 10 });
  const ex = useIp<Exhibition[]>(['exhibitions', zone], isEnterprise ? null : ipUrl(zone, 'exhibitions'));
  const close = useCloseDialog();
  return (
    <>
      <Tag color="orange" style={{ marginBottom: 12 }}>
        {t('demo')}
      </Tag>
      <Card size="small" title={t('cases')}>
        <Table
          size="small"
          rowKey="id"
          loading={cases.isLoading}
          dataSource={cases.data?.data ?? []}
          locale={{ emptyText: t('empty') }}
          scroll={{ x: 1000 }}
          pagination={{ current: page, pageSize: 10, total: cases.data?.pagination?.total ?? 0, onChange: setPage, showSizeChanger: false }}
          columns={[
            { title: t('enterprise'), dataIndex: 'enterpriseName', ellipsis: true },
            { title: t('country'), dataIndex: 'countryName', render: (v: string | null, r: CaseRow) => v ?? r.country },
            { title: t('counterparty'), dataIndex: 'counterparty' },
            { title: t('caseType'), dataIndex: 'type', render: (v: string) => label(CASE_TYPE_LABELS, v) },
            { title: t('stage'), dataIndex: 'stage', render: (v: string) => label(CASE_STAGE_LABELS, v) },
            { title: t('deadline'), dataIndex: 'nextDeadline', render: (v: string | null) => v ?? '—' },
            { title: t('expert'), dataIndex: 'expertName', ellipsis: true, render: (v: string | null) => v ?? '—' },
            { title: t('exhibition'), dataIndex: 'exhibitionName', ellipsis: true, render: (v: string | null) => v ?? '—' },
            { title: t('cost'), dataIndex: 'costYuan', align: 'right', render: (v: number) => wan(v) },
            {
              title: t('status'),
              dataIndex: 'status',
              render: (v: string, r: CaseRow) =>
                v === 'closed' ? (
                  <Tag>{t('closed')}</Tag>
                ) : writer ? (
                  <Button size="small" onClick={() => close.open(ipUrl(zone, `cases/${r.id}/close`))}>
                    {t('close')}
                  </Button>
                ) : (
                  <Tag color="blue">{t('open')}</Tag>
                ),
            },
          ]}
        />
      </Card>
      {!isEnterprise && (
        <Card size="small" title={t('exhibitions')} style={{ marginTop: 12 }}>
          <Table
            size="small"
            rowKey="id"
            dataSource={ex.data ?? []}
            pagination={false}
            locale={{ emptyText: t('empty') }}
            columns={[
              { title: t('exhibition'), dataIndex: 'name' },
              {
                title: t('country'),
                dataIndex: 'countryName',
                render: (v: string, r: Exhibition) => `${v}${r.city ? ` · ${r.city}` : ''}`,
              },
              { title: t('dates'), dataIndex: 'startDate', render: (v: string, r: Exhibition) => `${v} ~ ${r.endDate}` },
              { title: t('firmsRegistered'), dataIndex: 'firmsRegistered', align: 'right' },
              {
                title: t('incidents'),
                dataIndex: 'incidents',
                align: 'right',
                render: (v: number, r: Exhibition) => `${v}（${t('closed')} ${r.incidentsClosed}）`,
              },
            ]}
          />
        </Card>
      )}
      {close.dialog}
    </>
  );
}
