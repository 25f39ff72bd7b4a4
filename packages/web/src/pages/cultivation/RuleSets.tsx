import type { RuleSet } from '@kaifaqu/core/cultivation';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Empty, Form, Input, InputNumber, Select, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { ApiError, api } from '../../api/client.ts';
import { cvUrl, useCv, useCvRole } from './hooks.ts';
import { tierLabels, useI } from './i18n.ts';

interface RuleSetInfo {
  id: string;
  version: string;
  name: { zh: string; en: string };
  effectiveFrom: string;
  derivedFrom: string | null;
  builtin: boolean;
}
type Band = { from?: number; to?: number; points: number };

/** Rule sets: copy the shipped miit-2022 into a provincial variant and edit band edges/points; every save is a new version. */
export default function RuleSets() {
  const { t, l, label, lang } = useI();
  const { zone, writer } = useCvRole();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const list = useCv<RuleSetInfo[]>(['rulesets'], cvUrl(zone, 'rulesets'));
  const [sel, setSel] = useState<string>('miit-2022');
  const rs = useCv<RuleSet>(['ruleset', sel], cvUrl(zone, `rulesets/${sel}`));
  const [draft, setDraft] = useState<RuleSet | null>(null);
  const [issues, setIssues] = useState<{ path: (string | number)[]; message: string; messageEn?: string }[]>([]);
  useEffect(() => {
    setDraft(rs.data ? structuredClone(rs.data) : null);
    setIssues([]);
  }, [rs.data]);
  const builtin = list.data?.find((x) => x.id === sel)?.builtin ?? true;
  const refresh = () => qc.invalidateQueries({ queryKey: ['cultivation'] });
  const copy = useMutation({
    mutationFn: (v: { id: string; zh: string; en: string; effectiveFrom: string }) =>
      api<RuleSet>(cvUrl(zone, 'rulesets'), {
        method: 'POST',
        body: { from: sel, id: v.id, name: { zh: v.zh, en: v.en }, effectiveFrom: v.effectiveFrom },
      }),
    onSuccess: (r) => {
      message.success(t('saved'));
      refresh();
      setSel(r.id);
    },
    onError: (e: Error) => message.error(e.message),
  });
  const save = useMutation({
    mutationFn: () => api<RuleSet>(cvUrl(zone, `rulesets/${sel}`), { method: 'PUT', body: { definition: draft } }),
    onSuccess: (r) => {
      message.success(`${t('saved')} v${r.version}`);
      setIssues([]);
      refresh();
    },
    onError: (e: Error) => {
      if (e instanceof ApiError) setIssues(e.issues as never);
      message.error(e.message);
    },
  });
  const setBand = (ti: number, gi: number, ii: number, bi: number, f: keyof Band, v: number | null) => {
    if (!draft) return;
    const d = structuredClone(draft);
    const ind = d.tiers[ti].scoring!.groups[gi].indicators[ii] as { bands?: Band[] };
    const b = ind.bands![bi];
    if (v == null) delete b[f];
    else b[f] = v;
    setDraft(d);
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <span>{t('ruleSet')}</span>
        <Select
          style={{ width: 320 }}
          value={sel}
          onChange={setSel}
          options={[...new Map((list.data ?? []).map((r) => [r.id, r])).values()].map((r) => ({
            value: r.id,
            label: `${l(r.name, r.id)} (${r.id} v${r.version})${r.builtin ? ` · ${lang === 'en' ? 'shipped' : '内置'}` : ''}`,
          }))}
        />
        {draft && (
          <Typography.Text type="secondary">{`v${draft.version} · ${draft.effectiveFrom}${draft.derivedFrom ? ` · ← ${draft.derivedFrom.id}@${draft.derivedFrom.version}` : ''}`}</Typography.Text>
        )}
      </Space>
      {writer && (
        <Card size="small" title={lang === 'en' ? 'Copy into a provincial variant' : '复制为省级变体'}>
          <Form layout="inline" onFinish={(v) => copy.mutate(v)} initialValues={{ effectiveFrom: new Date().toISOString().slice(0, 10) }}>
            <Form.Item name="id" label="ID" rules={[{ required: true, pattern: /^[a-z0-9][a-z0-9-]{1,40}$/ }]}>
              <Input placeholder="gd-2025" style={{ width: 120 }} />
            </Form.Item>
            <Form.Item name="zh" label="名称" rules={[{ required: true }]}>
              <Input style={{ width: 160 }} />
            </Form.Item>
            <Form.Item name="en" label="Name" rules={[{ required: true }]}>
              <Input style={{ width: 160 }} />
            </Form.Item>
            <Form.Item name="effectiveFrom" label={lang === 'en' ? 'Effective' : '生效日期'} rules={[{ required: true }]}>
              <Input style={{ width: 120 }} />
            </Form.Item>
            <Button htmlType="submit" loading={copy.isPending}>
              {lang === 'en' ? 'Copy' : '复制'}
            </Button>
          </Form>
        </Card>
      )}
      {issues.length > 0 && (
        <Alert
          type="error"
          showIcon
          message={t('invalid')}
          description={
            <ul style={{ margin: 0 }}>
              {issues.map((i) => (
                <li key={`${i.path.join('.')}-${i.message}`}>
                  <code>{i.path.join('.')}</code> {lang === 'en' ? (i.messageEn ?? i.message) : i.message}
                </li>
              ))}
            </ul>
          }
        />
      )}
      {!draft && <Empty description={t('empty')} />}
      {draft?.tiers.map((tier, ti) =>
        tier.scoring ? (
          <Card key={tier.key} size="small" title={label(tierLabels, tier.key)}>
            {tier.scoring.groups.map((g, gi) =>
              g.indicators.map((ind, ii) => {
                const bands = (ind as { bands?: Band[] }).bands;
                if (!bands) return null;
                return (
                  <div key={`${g.key}-${ind.key}`} style={{ marginBottom: 12 }}>
                    <Typography.Text strong>
                      {l(g.label)} · {l(ind.label, ind.key)}
                    </Typography.Text>{' '}
                    <Tag>max {ind.max}</Tag>
                    <Table<Band & { i: number }>
                      size="small"
                      pagination={false}
                      rowKey="i"
                      dataSource={bands.map((b, i) => ({ ...b, i }))}
                      columns={(['from', 'to', 'points'] as const).map((f) => ({
                        title: f === 'from' ? '≥ from' : f === 'to' ? '< to' : t('points'),
                        render: (_: unknown, b: Band & { i: number }) => (
                          <InputNumber
                            size="small"
                            disabled={!writer || builtin}
                            value={b[f]}
                            placeholder={f === 'points' ? '' : f === 'from' ? '−∞' : '∞'}
                            onChange={(v) => setBand(ti, gi, ii, b.i, f, v as number | null)}
                          />
                        ),
                      }))}
                    />
                  </div>
                );
              }),
            )}
          </Card>
        ) : null,
      )}
      {writer && !builtin && draft && (
        <Button type="primary" loading={save.isPending} onClick={() => save.mutate()}>
          {lang === 'en' ? 'Save as new version' : '保存为新版本'}
        </Button>
      )}
      {builtin && (
        <Typography.Text type="secondary">
          {lang === 'en' ? 'Shipped rule sets are read-only: copy first.' : '内置规则集只读，请先复制为省级变体再修改。'}
        </Typography.Text>
      )}
    </Space>
  );
}
