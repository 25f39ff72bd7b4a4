import { Alert, App, Button, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { ApiError, api } from '../../../api/client.ts';
import { useMe } from '../../../api/queries.ts';
import { scUrl } from '../hooks.ts';
import { useI } from '../i18n.ts';

/** 我要对接: anonymous visitors go to login (and come back); signed-in users leave a message and contact. */
export function RespondButton({ zone, itemId, disabled }: { zone: string; itemId: number; disabled?: boolean }) {
  const { t, lang } = useI();
  const { data: me } = useMe();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [err, setErr] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [form] = Form.useForm();
  if (!me)
    return (
      <Button
        type="primary"
        data-testid="respond"
        onClick={() => navigate(`/login?next=${encodeURIComponent(`/p/${zone}/scenarios/${itemId}`)}`)}
      >
        {t('respond')}（{t('respondLogin')}）
      </Button>
    );
  return (
    <>
      <Button type="primary" data-testid="respond" disabled={disabled || done} onClick={() => setOpen(true)}>
        {done ? t('responded') : t('respond')}
      </Button>
      <Modal
        open={open}
        title={t('respond')}
        okText={t('respond')}
        cancelText={t('cancel')}
        onCancel={() => setOpen(false)}
        onOk={async () => {
          const v = await form.validateFields();
          try {
            await api(scUrl(zone, `items/${itemId}/responses`), { method: 'POST', body: v });
            message.success(t('responded'));
            setDone(true);
            setOpen(false);
          } catch (e) {
            setErr(e instanceof ApiError ? e.localized(lang) : (e as Error).message);
          }
        }}
      >
        {err && <Alert type="error" showIcon message={err} style={{ marginBottom: 12 }} />}
        <Form form={form} layout="vertical">
          <Form.Item name="message" label={t('message')} rules={[{ required: true, whitespace: true }]}>
            <Input.TextArea rows={4} maxLength={5000} />
          </Form.Item>
          <Form.Item name="contact" label={t('contact')} rules={[{ required: true, whitespace: true }]}>
            <Input maxLength={200} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
