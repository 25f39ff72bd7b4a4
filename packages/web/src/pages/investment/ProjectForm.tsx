import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App as AntApp, Checkbox, Col, Form, Input, InputNumber, Modal, Row, Select, Switch } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { ApiError, api } from '../../api/client.ts';
import { zonePath } from '../../routes.tsx';
import { iurl, useInvRole } from './hooks.ts';
import { leadSources, useI } from './i18n.ts';

const CURRENCIES = ['CNY', 'USD', 'HKD', 'EUR', 'JPY', 'GBP', 'SGD', 'KRW', 'TWD', 'CHF', 'AUD', 'CAD', 'MOP'];
const TAGS = [
  '新一代信息技术',
  '生物医药',
  '新能源',
  '新材料',
  '高端装备',
  '新能源汽车',
  '低空经济',
  '人工智能',
  '未来产业-量子',
  '未来产业-氢能',
  '未来产业-生命科学',
];

/** New-project form; the server checks amounts, currency and rate, and duplicate investor/project names (409). */
export function ProjectForm({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, lang } = useI();
  const { zone } = useInvRole();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const nav = useNavigate();
  const [form] = Form.useForm();
  const [dup, setDup] = useState<string | null>(null);
  const currency = Form.useWatch('investmentCurrency', form) ?? 'CNY';
  const isForeign = Form.useWatch('foreign', form) ?? false;
  const create = useMutation({
    mutationFn: (body: unknown) => api<{ id: number }>(iurl(zone, 'projects'), { method: 'POST', body }),
    onSuccess: (p) => {
      message.success(t('ok'));
      qc.invalidateQueries({ queryKey: ['investment'] });
      form.resetFields();
      setDup(null);
      onClose();
      nav(zonePath(zone, `investment/projects/${p.id}`));
    },
    onError: (e) => {
      if (e instanceof ApiError && e.status === 409) setDup(e.localized(lang));
      else if (e instanceof ApiError && e.issues.length) {
        form.setFields(
          e.issues.map((i) => ({
            name: String(i.path[i.path.length - 1]),
            errors: [lang === 'en' ? (i.messageEn ?? i.message) : i.message],
          })),
        );
        message.error(e.localized(lang));
      } else message.error(e instanceof ApiError ? e.localized(lang) : String(e));
    },
  });
  return (
    <Modal
      open={open}
      title={t('newProject')}
      width={760}
      okText={t('save')}
      cancelText={t('cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      {dup && <Alert type="warning" showIcon message={t('duplicateFound')} description={dup} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ investmentCurrency: 'CNY', foreign: false, tags: [] }}
        onFinish={(v) =>
          create.mutate({
            ...v,
            rateToCny: v.investmentCurrency === 'CNY' ? null : v.rateToCny,
            sourceCountry: v.sourceCountry ? String(v.sourceCountry).toUpperCase() : null,
            industryCode: v.industryCode || null,
            confirmDuplicate: !!v.confirmDuplicate,
          })
        }
      >
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="name" label={t('name')} rules={[{ required: true, min: 2 }]}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="investor" label={t('investor')} rules={[{ required: true, min: 2 }]}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="investmentAmount" label={t('amount')} rules={[{ required: true }, { type: 'number', min: 1 }]}>
              <InputNumber style={{ width: '100%' }} min={1} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="investmentCurrency" label={t('currency')} rules={[{ required: true }]}>
              <Select options={CURRENCIES.map((c) => ({ value: c, label: c }))} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="rateToCny" label={t('rate')} rules={[{ required: currency !== 'CNY' }]}>
              <InputNumber style={{ width: '100%' }} min={0.000001} step={0.01} disabled={currency === 'CNY'} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="foreign" label={t('foreign')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="sourceCountry" label={t('country')} rules={[{ required: isForeign, pattern: /^[A-Za-z]{2}$/ }]}>
              <Input placeholder="HK / SG / DE" maxLength={2} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="fortune500Parent" label={t('fortune500')}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="industryCode" label={t('industry')} rules={[{ pattern: /^(\d{2,4}|[A-T])$/ }]}>
              <Input placeholder="3841" maxLength={4} />
            </Form.Item>
          </Col>
          <Col span={16}>
            <Form.Item name="tags" label={t('tags')}>
              <Select mode="tags" options={TAGS.map((x) => ({ value: x, label: x }))} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="leadSource" label={t('leadSource')}>
              <Select allowClear options={Object.entries(leadSources).map(([v, l]) => ({ value: v, label: l[lang] }))} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="landMu" label={t('landMu')}>
              <InputNumber style={{ width: '100%' }} min={0} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="floorAreaSqm" label={t('floorArea')}>
              <InputNumber style={{ width: '100%' }} min={0} precision={0} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="expectedOutputYuan" label={t('expectedOutput')}>
              <InputNumber style={{ width: '100%' }} min={0} precision={0} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="expectedTaxYuan" label={t('expectedTax')}>
              <InputNumber style={{ width: '100%' }} min={0} precision={0} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="platform" label={t('platform')}>
              <Input maxLength={40} placeholder="知识城 / 科学城" />
            </Form.Item>
          </Col>
        </Row>
        {dup && (
          <Form.Item name="confirmDuplicate" valuePropName="checked">
            <Checkbox>{t('confirmDup')}</Checkbox>
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
