import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Empty,
  Form,
  Input,
  InputNumber,
  Modal,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Timeline,
} from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ApiError, api } from '../../api/client.ts';
import { zonePath } from '../../routes.tsx';
import { iurl, useInv, useInvRole, yi } from './hooks.ts';
import { approvalAction, approvalStatus, followKinds, leadSources, STAGE_ORDER, stageLabels, useI } from './i18n.ts';

interface Detail {
  project: {
    id: number;
    name: string;
    investor: string;
    coInvestors: string[];
    sourceCountry: string | null;
    countryName: string | null;
    foreign: boolean;
    fortune500Parent: string | null;
    industryCode: string | null;
    industryName: string | null;
    tags: string[];
    stage: string;
    stageReason: string | null;
    signedOn: string | null;
    contractInvestmentYuan: number | null;
    investmentAmount: number | null;
    investmentCurrency: string;
    rateToCny: number | null;
    landMu: number | null;
    floorAreaSqm: number | null;
    expectedOutputYuan: number | null;
    expectedTaxYuan: number | null;
    leadSource: string | null;
    officerName: string | null;
    platform: string | null;
    enterpriseName: string | null;
    synthetic: boolean;
  };
  followups: {
    id: number;
    kind: string;
    happenedOn: string;
    summary: string;
    nextAction: string | null;
    nextActionOn: string | null;
    nextActionDone: boolean;
    actor: string | null;
  }[];
  approvals: {
    id: number;
    status: string;
    amountYuan: number;
    note: string | null;
    requestedBy: string | null;
    decidedBy: string | null;
    history: { id: number; action: string; comment: string | null; actor: string | null; at: string }[];
  }[];
  stageHistory: { id: number; fromStage: string | null; toStage: string; reason: string | null; actor: string | null; at: string }[];
  approval: { thresholdYuan: number; required: boolean; approvedAmountYuan: number | null; satisfied: boolean };
}

const today = () => new Date().toISOString().slice(0, 10);

/** One project: details, stage move, amount change with reason, 领导审批 with history, follow-up log. */
export default function ProjectDetail() {
  const { t, lang } = useI();
  const { id } = useParams();
  const { zone, writer, leader } = useInvRole();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const d = useInv<Detail>(['project', zone, id], iurl(zone, `projects/${id}`));
  const [stage, setStage] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [amountOpen, setAmountOpen] = useState(false);
  const [decide, setDecide] = useState<{ id: number; decision: 'approve' | 'return' | 'comment' } | null>(null);
  const [comment, setComment] = useState('');
  const [fform] = Form.useForm();
  const [aform] = Form.useForm();
  const onError = (e: unknown) => message.error(e instanceof ApiError ? e.localized(lang) : String(e), 6);
  const done = () => {
    message.success(t('ok'));
    qc.invalidateQueries({ queryKey: ['investment'] });
  };
  const call = useMutation({
    mutationFn: (v: { path: string; body: unknown; method?: 'POST' | 'PATCH' }) =>
      api(iurl(zone, v.path), { method: v.method ?? 'POST', body: v.body }),
    onSuccess: done,
    onError,
  });
  if (d.isLoading) return <Card loading />;
  if (d.error) return <Alert type="error" message={d.error instanceof ApiError ? d.error.localized(lang) : String(d.error)} />;
  const { project: p, followups, approvals, stageHistory, approval } = d.data!;
  const open = approvals.find((a) => a.status === 'draft' || a.status === 'pending' || a.status === 'returned');
  const L = (x: { zh: string; en: string } | undefined, fallback: string) => x?.[lang] ?? fallback;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card
        title={
          <Space wrap>
            <Link to={zonePath(zone, 'investment')}>← {t('back')}</Link>
            <span>{p.name}</span>
            <Tag color={stageLabels[p.stage]?.color}>{L(stageLabels[p.stage], p.stage)}</Tag>
            {p.synthetic && <Tag color="orange">{t('demo')}</Tag>}
          </Space>
        }
        extra={
          writer && (
            <Space wrap>
              <Select
                placeholder={t('moveTo')}
                style={{ width: 140 }}
                value={stage}
                onChange={setStage}
                options={STAGE_ORDER.filter((s) => s !== p.stage).map((s) => ({ value: s, label: stageLabels[s][lang] }))}
              />
              {(stage === 'on_hold' || stage === 'lost') && (
                <Input placeholder={t('stageReason')} value={reason} onChange={(e) => setReason(e.target.value)} style={{ width: 200 }} />
              )}
              <Button
                type="primary"
                disabled={!stage}
                onClick={() =>
                  call.mutate(
                    { path: `projects/${p.id}/stage`, body: { stage, reason: reason || undefined } },
                    { onSuccess: () => setStage(null) },
                  )
                }
              >
                {t('moveTo')}
              </Button>
              <Button onClick={() => setAmountOpen(true)}>{t('editAmount')}</Button>
            </Space>
          )
        }
      >
        <Descriptions size="small" bordered column={{ xs: 1, sm: 2, lg: 3 }}>
          <Descriptions.Item label={t('investor')}>{[p.investor, ...p.coInvestors].join('；')}</Descriptions.Item>
          <Descriptions.Item label={t('country')}>
            {p.foreign ? `${p.countryName ?? p.sourceCountry ?? '—'}（${t('foreign')}）` : t('domestic')}
          </Descriptions.Item>
          <Descriptions.Item label={t('fortune500')}>{p.fortune500Parent ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('amount')}>
            {p.investmentAmount?.toLocaleString('zh-CN') ?? '—'} {p.investmentCurrency}
            {p.investmentCurrency !== 'CNY' && p.rateToCny ? ` × ${p.rateToCny}` : ''} = {yi(p.contractInvestmentYuan)} {t('unitYi')}
          </Descriptions.Item>
          <Descriptions.Item label={t('industry')}>{p.industryCode ? `${p.industryCode} ${p.industryName ?? ''}` : '—'}</Descriptions.Item>
          <Descriptions.Item label={t('tags')}>{p.tags.length ? p.tags.map((x) => <Tag key={x}>{x}</Tag>) : '—'}</Descriptions.Item>
          <Descriptions.Item label={t('landMu')}>{p.landMu ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('floorArea')}>{p.floorAreaSqm?.toLocaleString('zh-CN') ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('expectedOutput')}>
            {p.expectedOutputYuan == null ? '—' : `${yi(p.expectedOutputYuan)} ${t('unitYi')}`}
          </Descriptions.Item>
          <Descriptions.Item label={t('expectedTax')}>
            {p.expectedTaxYuan == null ? '—' : `${yi(p.expectedTaxYuan)} ${t('unitYi')}`}
          </Descriptions.Item>
          <Descriptions.Item label={t('leadSource')}>{p.leadSource ? L(leadSources[p.leadSource], p.leadSource) : '—'}</Descriptions.Item>
          <Descriptions.Item label={t('platform')}>{p.platform ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('officer')}>{p.officerName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('enterprise')}>{p.enterpriseName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('signedOn')}>{p.signedOn ?? '—'}</Descriptions.Item>
          {p.stageReason && <Descriptions.Item label={t('stageReason')}>{p.stageReason}</Descriptions.Item>}
        </Descriptions>
      </Card>
      <Row gutter={16}>
        <Col xs={24} lg={14}>
          <Card title={t('approvals')} size="small">
            <Alert
              style={{ marginBottom: 12 }}
              type={approval.required ? (approval.satisfied ? 'success' : 'warning') : 'info'}
              message={
                approval.required
                  ? approval.satisfied
                    ? t('approvalSatisfied')
                    : t('approvalNeeded', { t: `${yi(approval.thresholdYuan)} ${t('unitYi')}` })
                  : t('approvalNotNeeded', { t: `${yi(approval.thresholdYuan)} ${t('unitYi')}` })
              }
            />
            {writer && !open && !['signed', 'registered', 'started', 'producing', 'full_production'].includes(p.stage) && (
              <Button
                style={{ marginBottom: 12 }}
                onClick={() => call.mutate({ path: `projects/${p.id}/approvals`, body: { note: null, submit: true } })}
              >
                {t('requestApproval')}
              </Button>
            )}
            {approvals.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('noData')} />}
            {approvals.map((a) => (
              <Card
                key={a.id}
                size="small"
                style={{ marginBottom: 8 }}
                title={
                  <Space>
                    #{a.id}
                    <Tag color={approvalStatus[a.status]?.color}>{L(approvalStatus[a.status], a.status)}</Tag>
                    {yi(a.amountYuan)} {t('unitYi')}
                  </Space>
                }
                extra={
                  <Space>
                    {writer && (a.status === 'draft' || a.status === 'returned') && (
                      <Button size="small" onClick={() => call.mutate({ path: `approvals/${a.id}/submit`, body: {} })}>
                        {t('submitApproval')}
                      </Button>
                    )}
                    {leader && a.status === 'pending' && (
                      <>
                        <Button
                          size="small"
                          type="primary"
                          onClick={() => {
                            setComment('');
                            setDecide({ id: a.id, decision: 'approve' });
                          }}
                        >
                          {t('approve')}
                        </Button>
                        <Button
                          size="small"
                          danger
                          onClick={() => {
                            setComment('');
                            setDecide({ id: a.id, decision: 'return' });
                          }}
                        >
                          {t('returnIt')}
                        </Button>
                      </>
                    )}
                    {writer && (
                      <Button
                        size="small"
                        onClick={() => {
                          setComment('');
                          setDecide({ id: a.id, decision: 'comment' });
                        }}
                      >
                        {t('addComment')}
                      </Button>
                    )}
                  </Space>
                }
              >
                <Timeline
                  items={a.history.map((h) => ({
                    children: (
                      <span>
                        {new Date(h.at).toLocaleString('zh-CN')} · {h.actor ?? '—'} · {L(approvalAction[h.action], h.action)}
                        {h.comment ? `：${h.comment}` : ''}
                      </span>
                    ),
                  }))}
                />
              </Card>
            ))}
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card title={t('history')} size="small">
            <Timeline
              items={stageHistory.map((h) => ({
                color: h.toStage === 'lost' ? 'red' : h.toStage === 'on_hold' ? 'orange' : 'blue',
                children: (
                  <span>
                    {new Date(h.at).toLocaleDateString('zh-CN')} · {h.fromStage ? `${L(stageLabels[h.fromStage], h.fromStage)} → ` : ''}
                    {L(stageLabels[h.toStage], h.toStage)}
                    {h.actor ? ` · ${h.actor}` : ''}
                    {h.reason ? `（${h.reason}）` : ''}
                  </span>
                ),
              }))}
            />
          </Card>
        </Col>
      </Row>
      <Card title={t('followups')} size="small">
        {writer && (
          <Form
            form={fform}
            layout="inline"
            style={{ marginBottom: 12, rowGap: 8 }}
            initialValues={{ kind: 'visit' }}
            onFinish={(v) =>
              call.mutate(
                {
                  path: `projects/${p.id}/followups`,
                  body: {
                    kind: v.kind,
                    happenedOn: v.happenedOn.format('YYYY-MM-DD'),
                    summary: v.summary,
                    nextAction: v.nextAction || null,
                    nextActionOn: v.nextActionOn ? v.nextActionOn.format('YYYY-MM-DD') : null,
                  },
                },
                { onSuccess: () => fform.resetFields() },
              )
            }
          >
            <Form.Item name="kind" rules={[{ required: true }]}>
              <Select style={{ width: 90 }} options={Object.entries(followKinds).map(([v, l]) => ({ value: v, label: l[lang] }))} />
            </Form.Item>
            <Form.Item name="happenedOn" rules={[{ required: true }]}>
              <DatePicker placeholder={t('happenedOn')} />
            </Form.Item>
            <Form.Item name="summary" rules={[{ required: true, min: 2 }]}>
              <Input placeholder={t('summary')} style={{ width: 220 }} />
            </Form.Item>
            <Form.Item name="nextAction">
              <Input placeholder={t('nextAction')} style={{ width: 160 }} />
            </Form.Item>
            <Form.Item name="nextActionOn">
              <DatePicker placeholder={t('nextActionOn')} />
            </Form.Item>
            <Button htmlType="submit" type="primary">
              {t('addFollowup')}
            </Button>
          </Form>
        )}
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={followups}
          locale={{ emptyText: t('noData') }}
          scroll={{ x: true }}
          columns={[
            { title: t('happenedOn'), dataIndex: 'happenedOn', width: 110 },
            { title: t('kind'), dataIndex: 'kind', width: 70, render: (k: string) => L(followKinds[k], k) },
            { title: t('summary'), dataIndex: 'summary' },
            { title: t('nextAction'), dataIndex: 'nextAction', render: (v: string | null) => v ?? '—' },
            {
              title: t('nextActionOn'),
              dataIndex: 'nextActionOn',
              width: 180,
              render: (v: string | null, r) =>
                v ? (
                  <Space>
                    {v}
                    {r.nextActionDone ? <Tag color="green">{t('done')}</Tag> : v < today() ? <Tag color="red">{t('overdue')}</Tag> : null}
                    {writer && !r.nextActionDone && (
                      <Button
                        size="small"
                        type="link"
                        onClick={() => call.mutate({ path: `followups/${r.id}/done`, body: { done: true } })}
                      >
                        {t('markDone')}
                      </Button>
                    )}
                  </Space>
                ) : (
                  '—'
                ),
            },
            { title: t('officer'), dataIndex: 'actor', width: 120, render: (v: string | null) => v ?? '—' },
          ]}
        />
      </Card>
      <Modal
        open={!!decide}
        title={
          decide ? (decide.decision === 'approve' ? t('approve') : decide.decision === 'return' ? t('returnIt') : t('addComment')) : ''
        }
        okText={t('save')}
        cancelText={t('cancel')}
        okButtonProps={{ disabled: decide?.decision !== 'approve' && !comment.trim() }}
        onCancel={() => setDecide(null)}
        onOk={() => {
          if (!decide) return;
          if (decide.decision === 'comment') call.mutate({ path: `approvals/${decide.id}/comments`, body: { comment } });
          else call.mutate({ path: `approvals/${decide.id}/decide`, body: { decision: decide.decision, comment: comment || undefined } });
          setDecide(null);
        }}
      >
        <Input.TextArea rows={3} placeholder={t('comment')} value={comment} onChange={(e) => setComment(e.target.value)} maxLength={1000} />
      </Modal>
      <Modal
        open={amountOpen}
        title={t('editAmount')}
        okText={t('save')}
        cancelText={t('cancel')}
        onCancel={() => setAmountOpen(false)}
        onOk={() => aform.submit()}
        destroyOnHidden
      >
        <Form
          form={aform}
          layout="vertical"
          initialValues={{ investmentAmount: p.investmentAmount ?? p.contractInvestmentYuan, rateToCny: p.rateToCny }}
          onFinish={(v) =>
            call.mutate(
              {
                path: `projects/${p.id}`,
                method: 'PATCH',
                body: {
                  investmentAmount: v.investmentAmount,
                  ...(p.investmentCurrency !== 'CNY' ? { rateToCny: v.rateToCny } : {}),
                  reason: v.reason || undefined,
                },
              },
              { onSuccess: () => setAmountOpen(false) },
            )
          }
        >
          <Form.Item
            name="investmentAmount"
            label={`${t('amount')}（${p.investmentCurrency}）`}
            rules={[{ required: true }, { type: 'number', min: 1 }]}
          >
            <InputNumber style={{ width: '100%' }} min={1} />
          </Form.Item>
          {p.investmentCurrency !== 'CNY' && (
            <Form.Item name="rateToCny" label={t('rate')} rules={[{ required: true }]}>
              <InputNumber style={{ width: '100%' }} min={0.000001} />
            </Form.Item>
          )}
          <Form.Item name="reason" label={t('amountReason')} rules={[{ required: !!p.signedOn }]}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
