import { Alert, Card, Col, Empty, Row, Statistic, Table, Tag } from 'antd';
import { useMemo } from 'react';
import { Chart } from '../../components/Chart.tsx';
import { cvUrl, useCv, useCvRole } from './hooks.ts';
import { tierLabels, useI } from './i18n.ts';

interface FunnelData {
  refDate: string;
  stages: { key: string; firms: number; keyLittleGiant?: number }[];
  techDemo: number;
}
export interface Reminder {
  id: number;
  enterpriseId: number;
  name: string;
  level: string;
  keyLittleGiant: boolean;
  validTo: string;
  reviewOn: string | null;
  daysLeft: number;
  synthetic: boolean;
}

export function Reminders() {
  const { t, label } = useI();
  const { zone } = useCvRole();
  const q = useCv<Reminder[]>(['reminders'], cvUrl(zone, 'reminders'), { days: 90 });
  return (
    <Card size="small" title={t('reminders')}>
      <Table<Reminder>
        size="small"
        rowKey="id"
        loading={q.isLoading}
        dataSource={q.data ?? []}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        scroll={{ x: true }}
        locale={{ emptyText: <Empty description={t('empty')} /> }}
        columns={[
          {
            title: t('enterprise'),
            dataIndex: 'name',
            render: (v, r) => (
              <>
                {v} {r.synthetic && <Tag>{t('demo')}</Tag>}
              </>
            ),
          },
          { title: t('level'), render: (_, r) => `${label(tierLabels, r.level)}${r.keyLittleGiant ? '（重点）' : ''}` },
          { title: t('validTo'), dataIndex: 'validTo' },
          { title: t('reviewOn'), dataIndex: 'reviewOn', render: (v) => v ?? '—' },
          { title: t('daysLeft'), dataIndex: 'daysLeft', render: (v: number) => <Tag color={v <= 30 ? 'red' : 'orange'}>{v}</Tag> },
        ]}
      />
    </Card>
  );
}

/** 梯度漏斗: all firms → 创新型 → 专精特新 → 小巨人 (重点) → 单项冠军, plus 示范企业, from valid recognitions. */
export default function Funnel() {
  const { t, label, lang } = useI();
  const { zone } = useCvRole();
  const q = useCv<FunnelData>(['funnel'], cvUrl(zone, 'funnel'));
  const option = useMemo(() => {
    const s = q.data?.stages ?? [];
    const max = Math.max(1, ...s.map((x) => x.firms));
    return {
      tooltip: { trigger: 'item', formatter: (p: { name: string; value: number }) => `${p.name}: ${p.value}` },
      series: [
        {
          type: 'funnel',
          sort: 'none',
          min: 0,
          max,
          minSize: '8%',
          gap: 2,
          left: '10%',
          width: '80%',
          label: { show: true, position: 'inside', formatter: (p: { name: string; value: number }) => `${p.name}  ${p.value}` },
          // Log-ish widths so 23 champions stay visible next to tens of thousands of firms; labels carry real counts.
          data: s.map((x) => ({ name: label(tierLabels, x.key), value: x.firms })),
        },
      ],
    };
  }, [q.data, label]);
  const logOption = useMemo(() => {
    const s = q.data?.stages ?? [];
    return {
      ...option,
      series: [
        {
          ...(option.series[0] as object),
          max: Math.log10(Math.max(10, ...s.map((x) => x.firms)) + 1),
          data: s.map((x) => ({ name: label(tierLabels, x.key), value: Math.log10(x.firms + 1), real: x.firms })),
          label: {
            show: true,
            position: 'inside',
            formatter: (p: { name: string; data: { real: number } }) => `${p.name}  ${p.data.real}`,
          },
        },
      ],
      tooltip: { trigger: 'item', formatter: (p: { name: string; data: { real: number } }) => `${p.name}: ${p.data.real}` },
    };
  }, [option, q.data, label]);
  const lg = q.data?.stages.find((x) => x.key === 'little-giant');
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={14}>
        <Card size="small" title={t('tabFunnel')} extra={<Tag color="orange">{t('demo')}</Tag>}>
          {q.data ? <Chart option={logOption} height={360} ariaLabel={t('tabFunnel')} /> : <Empty description={t('empty')} />}
          <Alert
            type="info"
            showIcon
            message={`${t('funnelNote')}（${q.data?.refDate ?? ''}）；${lang === 'en' ? 'widths on a log scale' : '宽度为对数刻度'}`}
          />
        </Card>
      </Col>
      <Col xs={24} lg={10}>
        <Row gutter={[16, 16]}>
          {(q.data?.stages ?? []).map((s) => (
            <Col span={12} key={s.key}>
              <Card size="small">
                <Statistic title={label(tierLabels, s.key)} value={s.firms} suffix={t('firms')} />
              </Card>
            </Col>
          ))}
          <Col span={12}>
            <Card size="small">
              <Statistic title={t('keyLittleGiant')} value={lg?.keyLittleGiant ?? 0} suffix={t('firms')} />
            </Card>
          </Col>
          <Col span={12}>
            <Card size="small">
              <Statistic title={t('techDemo')} value={q.data?.techDemo ?? 0} suffix={t('firms')} />
            </Card>
          </Col>
        </Row>
      </Col>
      <Col span={24}>
        <Reminders />
      </Col>
    </Row>
  );
}
