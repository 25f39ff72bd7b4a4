import { Alert, App, Col, DatePicker, Form, Input, InputNumber, List, Modal, Row, Select } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import { ApiError, api } from '../../api/client.ts';
import { type Batch, type ItemRow, scUrl, useInvalidateSc, useSc, useScenarioRole } from './hooks.ts';
import { useI } from './i18n.ts';

interface Similar {
  id: string;
  title: string;
  similarity: number;
}

/** Create/edit dialog; while typing, "similar items already published" are fetched and shown as a warning. */
export function ItemForm({ open, item, onClose }: { open: boolean; item: ItemRow | null; onClose: () => void }) {
  const { t, lang } = useI();
  const { zone, isEnterprise } = useScenarioRole();
  const { message } = App.useApp();
  const invalidate = useInvalidateSc();
  const [form] = Form.useForm();
  const [err, setErr] = useState<string | null>(null);
  const [similar, setSimilar] = useState<Similar[]>([]);
  const [saving, setSaving] = useState(false);
  const batches = useSc<Batch[]>(['batches', zone], isEnterprise ? null : scUrl(zone, 'batches'));
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);

  useEffect(() => {
    if (!open) return;
    setErr(null);
    setSimilar([]);
    form.resetFields();
    if (item)
      form.setFieldsValue({
        ...item,
        budgetMin: item.budgetMinYuan == null ? null : item.budgetMinYuan / 1e4,
        budgetMax: item.budgetMaxYuan == null ? null : item.budgetMaxYuan / 1e4,
        period: item.periodStart && item.periodEnd ? [dayjs(item.periodStart), dayjs(item.periodEnd)] : null,
      });
    else form.setFieldsValue({ kind: isEnterprise ? 'capability' : 'need', tags: [] });
  }, [open, item, form, isEnterprise]);

  const checkSimilar = () => {
    clearTimeout(timer.current);
    timer.current = setTimeout(async () => {
      const v = form.getFieldsValue();
      if (!v.title?.trim()) return setSimilar([]);
      try {
        const r = await api<Similar[]>(scUrl(zone, 'similar'), {
          method: 'POST',
          body: { id: item?.id, kind: v.kind, title: v.title, description: v.description ?? '', tags: v.tags ?? [] },
        });
        setSimilar(r.filter((x) => Number(x.id) !== item?.id));
      } catch {
        setSimilar([]);
      }
    }, 400);
  };

  const save = async () => {
    const v = await form.validateFields();
    const body = {
      kind: v.kind,
      title: v.title,
      description: v.description ?? '',
      tags: v.tags ?? [],
      industry: v.industry || null,
      resource: v.resource || null,
      location: v.location || null,
      budgetMinYuan: v.budgetMin == null ? null : Math.round(v.budgetMin * 1e4),
      budgetMaxYuan: v.budgetMax == null ? null : Math.round(v.budgetMax * 1e4),
      periodStart: v.period?.[0]?.format('YYYY-MM-DD') ?? null,
      periodEnd: v.period?.[1]?.format('YYYY-MM-DD') ?? null,
      contact: v.contact || null,
      ...(isEnterprise ? {} : { publisherDept: v.publisherDept || null, batchId: v.batchId ?? null }),
    };
    setSaving(true);
    try {
      if (item) await api(scUrl(zone, `items/${item.id}`), { method: 'PATCH', body: { ...body, kind: undefined } });
      else await api(scUrl(zone, 'items'), { method: 'POST', body });
      message.success(t('ok'));
      invalidate();
      onClose();
    } catch (e) {
      setErr(e instanceof ApiError ? e.localized(lang) : (e as Error).message);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={item ? t('edit') : isEnterprise ? t('createCap') : t('create')}
      width={820}
      okText={t('save')}
      cancelText={t('cancel')}
      confirmLoading={saving}
      onOk={save}
      onCancel={onClose}
      destroyOnHidden
    >
      {err && <Alert type="error" showIcon message={err} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onValuesChange={(c) => ('title' in c || 'description' in c || 'kind' in c) && checkSimilar()}>
        <Row gutter={12}>
          <Col span={6}>
            <Form.Item name="kind" label={t('kind')} rules={[{ required: true }]}>
              <Select
                disabled={!!item || isEnterprise}
                options={[
                  { value: 'need', label: t('need') },
                  { value: 'capability', label: t('capability') },
                ]}
              />
            </Form.Item>
          </Col>
          <Col span={18}>
            <Form.Item name="title" label={t('titleField')} rules={[{ required: true, whitespace: true }, { max: 200 }]}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
        </Row>
        {similar.length > 0 && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            message={t('similarWarn')}
            description={
              <List
                size="small"
                dataSource={similar}
                renderItem={(s) => (
                  <List.Item style={{ padding: '2px 0' }}>
                    {s.title}（{t('similarity')} {(s.similarity * 100).toFixed(0)}%）
                  </List.Item>
                )}
              />
            }
          />
        )}
        <Form.Item name="description" label={t('description')} extra={t('descriptionHint')} rules={[{ max: 20000 }]}>
          <Input.TextArea rows={5} showCount maxLength={20000} />
        </Form.Item>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="tags" label={t('tags')}>
              <Select mode="tags" tokenSeparators={[',', '，', ' ']} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="industry" label={t('industry')} rules={[{ pattern: /^\d{3,4}$/, message: '3–4 位数字' }]}>
              <Input placeholder="8411" maxLength={4} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="resource" label={t('resource')} extra={t('resourceHint')}>
              <Input maxLength={2000} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="location" label={t('location')}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="budgetMin" label={t('budgetMin')}>
              <InputNumber min={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="budgetMax" label={t('budgetMax')}>
              <InputNumber min={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="period" label={t('period')}>
              <DatePicker.RangePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="contact" label={t('contact')}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          {!isEnterprise && (
            <>
              <Col span={6}>
                <Form.Item name="publisherDept" label={t('publisherDept')}>
                  <Input maxLength={100} />
                </Form.Item>
              </Col>
              <Col span={6}>
                <Form.Item name="batchId" label={t('batch')}>
                  <Select
                    allowClear
                    options={(batches.data?.data ?? []).map((b) => ({ value: b.id, label: t('batchN', { n: b.number }) }))}
                  />
                </Form.Item>
              </Col>
            </>
          )}
        </Row>
      </Form>
    </Modal>
  );
}
