import { App, Button, DatePicker, Form, Input, Modal, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { ApiError, api } from '../../api/client.ts';
import { type Batch, pubUrl, scUrl, useInvalidateSc, useSc, useScenarioRole } from './hooks.ts';
import { useI } from './i18n.ts';

/** 第N批机会清单: numbering is automatic; publishing a batch (zone admin) makes its published items public. */
export default function ScenarioBatches() {
  const { t, lang } = useI();
  const { zone, staff, reviewer } = useScenarioRole();
  const { message } = App.useApp();
  const invalidate = useInvalidateSc();
  const list = useSc<Batch[]>(['batches', zone], scUrl(zone, 'batches'));
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const run = async (fn: () => Promise<unknown>) => {
    try {
      await fn();
      message.success(t('ok'));
      invalidate();
      return true;
    } catch (e) {
      message.error(e instanceof ApiError ? e.localized(lang) : (e as Error).message);
      return false;
    }
  };
  return (
    <>
      {staff && (
        <Button type="primary" style={{ marginBottom: 12 }} onClick={() => setOpen(true)}>
          {t('newBatch')}
        </Button>
      )}
      <Table<Batch>
        size="small"
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data?.data ?? []}
        pagination={false}
        locale={{ emptyText: t('empty') }}
        scroll={{ x: 800 }}
        columns={[
          { title: t('batch'), dataIndex: 'number', width: 80, render: (n: number) => t('batchN', { n }) },
          { title: t('batchTitle'), dataIndex: 'title' },
          { title: t('publishedOn'), dataIndex: 'publishedOn', width: 120, render: (v: string | null) => v ?? '—' },
          { title: t('items'), dataIndex: 'items', width: 80, align: 'right' },
          { title: t('publicItems'), dataIndex: 'publicItems', width: 90, align: 'right' },
          {
            title: t('state'),
            dataIndex: 'published',
            width: 90,
            render: (v: boolean) => (v ? <Tag color="green">{t('published')}</Tag> : <Tag>{t('unpublished')}</Tag>),
          },
          {
            title: '',
            width: 300,
            render: (_: unknown, b) => (
              <Space wrap>
                {b.published ? (
                  <>
                    <a href={`/p/${encodeURIComponent(zone)}/scenarios/batches/${b.number}`} target="_blank" rel="noreferrer">
                      {t('publicPage')}
                    </a>
                    <a href={pubUrl(zone, `batches/${b.number}/export.xlsx`)}>{t('exportXlsx')}</a>
                  </>
                ) : reviewer ? (
                  <Button
                    size="small"
                    onClick={() => run(() => api(scUrl(zone, `batches/${b.id}`), { method: 'PATCH', body: { published: true } }))}
                  >
                    {t('publishBatch')}
                  </Button>
                ) : null}
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={open}
        title={t('newBatch')}
        okText={t('save')}
        cancelText={t('cancel')}
        onCancel={() => setOpen(false)}
        onOk={async () => {
          const v = await form.validateFields();
          const ok = await run(() =>
            api(scUrl(zone, 'batches'), {
              method: 'POST',
              body: { title: v.title, publishedOn: v.publishedOn?.format('YYYY-MM-DD') ?? null },
            }),
          );
          if (ok) {
            setOpen(false);
            form.resetFields();
          }
        }}
      >
        <Form form={form} layout="vertical">
          <Form.Item name="title" label={t('batchTitle')} rules={[{ required: true, whitespace: true }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="publishedOn" label={t('publishedOn')}>
            <DatePicker />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
