import { Descriptions, Space, Tag, Typography } from 'antd';
import type { ItemRow, Why } from './hooks.ts';
import { wanText } from './hooks.ts';
import { RELATION_LABELS, useI } from './i18n.ts';

/** The published facts of an item. Every value is rendered as text (React escapes it); descriptions keep line breaks. */
export function ItemFacts({ item, column = 2 }: { item: ItemRow; column?: number }) {
  const { t } = useI();
  return (
    <Descriptions size="small" bordered column={{ xs: 1, sm: 1, md: column }} styles={{ label: { width: 130 } }}>
      <Descriptions.Item label={t('kind')}>
        <Tag color={item.kind === 'need' ? 'volcano' : 'geekblue'}>{t(item.kind)}</Tag>
      </Descriptions.Item>
      <Descriptions.Item label={t('batch')}>
        {item.batchNumber ? `${t('batchN', { n: item.batchNumber })} · ${item.batchTitle ?? ''}` : t('noBatch')}
      </Descriptions.Item>
      <Descriptions.Item label={t('description')} span={column}>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }} data-testid="item-description">
          {item.description || '—'}
        </Typography.Paragraph>
      </Descriptions.Item>
      <Descriptions.Item label={t('tags')}>
        <Space size={[4, 4]} wrap>
          {item.tags.map((x) => (
            <Tag key={x}>{x}</Tag>
          ))}
        </Space>
      </Descriptions.Item>
      <Descriptions.Item label={t('industryShort')}>{item.industry ?? '—'}</Descriptions.Item>
      <Descriptions.Item label={t('resource')}>{item.resource ?? '—'}</Descriptions.Item>
      <Descriptions.Item label={t('location')}>{item.location ?? '—'}</Descriptions.Item>
      <Descriptions.Item label={t('budget')}>{wanText(item.budgetMinYuan, item.budgetMaxYuan)}</Descriptions.Item>
      <Descriptions.Item label={t('period')}>
        {item.periodStart || item.periodEnd ? t('period2', { a: item.periodStart ?? '…', b: item.periodEnd ?? '…' }) : '—'}
      </Descriptions.Item>
      <Descriptions.Item label={t('publisher')}>{item.publisher ?? item.enterpriseName ?? item.publisherDept ?? '—'}</Descriptions.Item>
      <Descriptions.Item label={t('contact')}>{item.contact ?? '—'}</Descriptions.Item>
      {item.attachments.length > 0 && (
        <Descriptions.Item label={t('attachments')} span={column}>
          <Space wrap>
            {item.attachments.map((a) => (
              <a key={a.url + a.name} href={/^(https?:\/\/|\/)/i.test(a.url) ? a.url : undefined} target="_blank" rel="noopener noreferrer">
                {a.name}
              </a>
            ))}
          </Space>
        </Descriptions.Item>
      )}
    </Descriptions>
  );
}

/** Engine bigram terms carry a U+0002 prefix (core tokenizer); it is not shown. */
const BIGRAM_MARK = new RegExp(`^${String.fromCharCode(2)}`);

/** A match's explanation: the terms that matched, shared tags, industry relation and the score parts. */
export function WhyView({ why }: { why: Why }) {
  const { t, label } = useI();
  const p = why.parts;
  return (
    <Space direction="vertical" size={2} style={{ fontSize: 12 }}>
      <span>
        {t('matchedTerms')}：
        {why.matchedTerms.length
          ? why.matchedTerms.map((x) => (
              <Tag key={x} color="blue" style={{ marginInlineEnd: 2 }}>
                {x.replace(BIGRAM_MARK, '')}
              </Tag>
            ))
          : '—'}
      </span>
      <span>
        {t('sharedTags')}：
        {why.sharedTags.length
          ? why.sharedTags.map((x) => (
              <Tag key={x} color="green" style={{ marginInlineEnd: 2 }}>
                {x}
              </Tag>
            ))
          : '—'}
        {'  '}
        {t('industryRel')}：{why.industryRelation ? label(RELATION_LABELS, why.industryRelation) : '—'}
      </span>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('parts')}：BM25 {p.bm25.toFixed(2)} + {t('industryShort')} {p.industry.toFixed(2)} + {t('tags')} {p.tags.toFixed(2)}
      </Typography.Text>
    </Space>
  );
}
