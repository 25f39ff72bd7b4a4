import type { Explanation } from '@kaifaqu/core/cultivation';
import { metricLabels } from '@kaifaqu/core/cultivation';
import { Descriptions, Space, Table, Tag, Typography } from 'antd';
import { defaultRuleSet, fmtValue, reasonLabel } from './hooks.ts';
import { tierLabels, useI } from './i18n.ts';

export function EligTag({ e }: { e: unknown }) {
  const { t } = useI();
  if (e === true) return <Tag color="green">{t('eligible')}</Tag>;
  if (e === false) return <Tag color="red">{t('notEligible')}</Tag>;
  return <Tag color="gold">{t('undetermined')}</Tag>;
}

/** One tier's explanation: result, score/groups, every indicator with value and band, conditions, and the gap to pass. */
export function TierPanel({ tier, x }: { tier: string; x: Explanation }) {
  const { t, l, label, lang } = useI();
  const r = x.result;
  const rs = defaultRuleSet;
  const ml = (m: string) => l(metricLabels[m], m);
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Descriptions size="small" column={{ xs: 1, sm: 2, xxl: 4 }} bordered>
        <Descriptions.Item label={label(tierLabels, tier)}>
          <EligTag e={r.eligible} />
        </Descriptions.Item>
        {r.total != null && (
          <Descriptions.Item label={t('total')}>
            {r.total} / {t('pass')} {r.pass}
          </Descriptions.Item>
        )}
        <Descriptions.Item label={t('path')}>{r.path ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('failed')}>
          {r.failed.length ? r.failed.map((f) => <Tag key={f}>{reasonLabel(rs, tier, f, lang)}</Tag>) : '—'}
        </Descriptions.Item>
      </Descriptions>
      {r.missing.length > 0 && (
        <Typography.Text type="warning">
          {t('missing')}：{r.missing.join('、')}
        </Typography.Text>
      )}
      {r.gap.length > 0 && (
        <div>
          <Typography.Text strong>{t('gap')}</Typography.Text>
          <ul style={{ margin: '4px 0' }}>
            {r.gap.map((g) => (
              <li key={`${g.kind}-${g.key}-${g.metric}`}>
                {t('gapItem', {
                  label: ml(g.metric),
                  from: fmtValue(g.from),
                  to: `${g.op === '>=' || g.op === '==' ? '' : g.op}${fmtValue(g.to)}`,
                })}
                {g.gain != null && (
                  <Tag color="blue" style={{ marginLeft: 8 }}>
                    {t('gain', { n: g.gain })}
                  </Tag>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
      {x.indicators.length > 0 && (
        <Table
          size="small"
          rowKey="key"
          pagination={false}
          scroll={{ x: true }}
          dataSource={x.indicators}
          columns={[
            { title: t('indicator'), render: (_, i) => l(i.label, i.key) },
            { title: t('value'), render: (_, i) => `${fmtValue(i.value)}` },
            { title: t('band'), render: (_, i) => i.band ?? '—' },
            {
              title: t('points'),
              render: (_, i) => (i.status === 'insufficient' ? <Tag color="gold">{t('insufficient')}</Tag> : `${i.points} / ${i.max}`),
            },
          ]}
        />
      )}
      {x.conditions.length > 0 && (
        <Table
          size="small"
          rowKey={(c) => `${c.section}-${c.key}`}
          pagination={false}
          scroll={{ x: true }}
          dataSource={x.conditions}
          columns={[
            { title: t('conditions'), render: (_, c) => l(c.label, c.key) },
            { title: '', render: (_, c) => t(c.section) },
            {
              title: t('value'),
              render: (_, c) => c.values.map((v) => `${l(metricLabels[v.metric], v.metric)} = ${fmtValue(v.value)}`).join('；'),
            },
            {
              title: '',
              render: (_, c) =>
                c.result === true ? (
                  <Tag color="green">{t('met')}</Tag>
                ) : c.result === false ? (
                  <Tag>{t('notMet')}</Tag>
                ) : (
                  <Tag color="gold">{t('undetermined')}</Tag>
                ),
            },
          ]}
        />
      )}
    </Space>
  );
}
