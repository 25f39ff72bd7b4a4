import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  App as AntApp,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Empty,
  Input,
  Popover,
  Space,
  Table,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ApiError, api } from '../../api/client.ts';
import { zonePath } from '../../routes.tsx';
import { type Application, type Item, useApi, zurl } from './hooks.ts';
import { actionLabels, stateLabels, useA } from './i18n.ts';
import { SlaTag } from './SlaTag.tsx';

function ActionButton({ zone, item, action }: { zone: string; item: Item; action: string }) {
  const { t, lang } = useA();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const [on, setOn] = useState<Dayjs>(dayjs());
  const [note, setNote] = useState('');
  const [open, setOpen] = useState(false);
  const run = useMutation({
    mutationFn: () =>
      api(zurl(zone, `items/${item.id}/transitions`), {
        method: 'POST',
        body: { action, on: on.format('YYYY-MM-DD'), note: note || undefined },
      }),
    onSuccess: () => {
      message.success(t('ok'));
      setOpen(false);
      qc.invalidateQueries({ queryKey: ['approvals'] });
    },
    onError: (e) => message.error(e instanceof ApiError ? e.localized(lang) : String(e)),
  });
  const label = actionLabels[action]?.[lang] ?? action;
  return (
    <Popover
      open={open}
      onOpenChange={setOpen}
      trigger="click"
      content={
        <Space direction="vertical">
          <DatePicker value={on} onChange={(d) => d && setOn(d)} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
          <Input.TextArea rows={2} placeholder={t('note')} value={note} onChange={(e) => setNote(e.target.value)} />
          <Button type="primary" size="small" loading={run.isPending} onClick={() => run.mutate()}>
            {label}
          </Button>
        </Space>
      }
    >
      <Button size="small" danger={action === 'refuse'}>
        {label}
      </Button>
    </Popover>
  );
}

export default function ApplicationDetail() {
  const { t, lang } = useA();
  const { zone = '', id = '' } = useParams();
  const q = useApi<Application & { today: string; items: Item[] }>(['app', zone, id], zurl(zone, `applications/${id}`));
  if (q.error) return <Card>{q.error instanceof ApiError ? q.error.localized(lang) : String(q.error)}</Card>;
  const a = q.data;
  const st = (s: string) => <Tag color={stateLabels[s]?.color}>{stateLabels[s]?.[lang] ?? s}</Tag>;
  return (
    <Card
      loading={!a}
      title={
        <Space wrap>
          <Link to={zonePath(zone, 'approvals')}>← {t('back')}</Link>
          <span>{a?.projectName}</span>
          {a?.synthetic && <Tag color="orange">{t('demo')}</Tag>}
        </Space>
      }
    >
      {a && (
        <>
          <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 16 }}>
            <Descriptions.Item label={t('enterprise')}>{a.enterpriseName}</Descriptions.Item>
            <Descriptions.Item label={t('parcel')}>{a.landParcel ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('submittedOn')}>{a.submittedOn}</Descriptions.Item>
          </Descriptions>
          <Table<Item>
            rowKey="id"
            size="middle"
            pagination={false}
            dataSource={a.items}
            scroll={{ x: 900 }}
            locale={{ emptyText: <Empty /> }}
            expandable={{
              expandedRowRender: (it) => (
                <Timeline
                  items={(it.events ?? []).map((e) => ({
                    children: (
                      <Space wrap>
                        <Typography.Text>{e.on}</Typography.Text>
                        {st(e.toState)}
                        {e.note && <Typography.Text type="secondary">{e.note}</Typography.Text>}
                        {e.actor && <Typography.Text type="secondary">· {e.actor}</Typography.Text>}
                      </Space>
                    ),
                  }))}
                />
              ),
            }}
            columns={[
              { title: t('item'), render: (_: unknown, it) => (lang === 'en' && it.itemNameEn ? it.itemNameEn : it.itemName) },
              { title: t('department'), dataIndex: 'department', responsive: ['md'] },
              { title: t('legalDays'), dataIndex: 'legalDays', width: 110 },
              { title: t('status'), dataIndex: 'state', width: 100, render: st },
              { title: t('acceptedOn'), dataIndex: 'acceptedOn', width: 110, render: (v) => v ?? '—' },
              { title: t('dueOn'), dataIndex: 'dueOn', width: 110, render: (v) => v ?? '—' },
              { title: t('remaining'), width: 220, render: (_: unknown, it) => <SlaTag item={it} /> },
              {
                title: t('actions'),
                render: (_: unknown, it) => (
                  <Space wrap size={4}>
                    {it.actions.map((ac) => (
                      <ActionButton key={ac} zone={zone} item={it} action={ac} />
                    ))}
                  </Space>
                ),
              },
            ]}
          />
        </>
      )}
    </Card>
  );
}
