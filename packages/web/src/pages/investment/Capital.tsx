import { Card, Col, DatePicker, Row, Space, Statistic, Table, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { iurl, useInv, useInvRole, yi } from './hooks.ts';
import { fundKinds, useI } from './i18n.ts';

interface CapitalReport {
  from: string;
  to: string;
  newFirms: number;
  newCapitalYuan: number;
  newVentureFirms: number;
  newVentureCapitalYuan: number;
  deals: number;
  dealAmountYuan: number;
  enterprisesFunded: number;
  projectsFunded: number;
}
interface Fund {
  id: number;
  name: string;
  kind: string;
  fundSizeYuan: number;
  landedOn: string;
  manager: string | null;
  synthetic: boolean;
  deals: number;
  investedYuan: number;
}

/** 招投联动: funds and venture firms landed in a period, their new capital and investments in zone firms/projects. */
export default function Capital() {
  const { t, lang } = useI();
  const { zone } = useInvRole();
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs('2024-01-01'), dayjs('2024-06-01')]);
  const r = useInv<CapitalReport>(['capital', zone], iurl(zone, 'capital/report'), {
    from: range[0].format('YYYY-MM'),
    to: range[1].format('YYYY-MM'),
  });
  const funds = useInv<Fund[]>(['funds', zone], iurl(zone, 'funds'));
  const d = r.data;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Space wrap>
        <DatePicker.RangePicker
          picker="month"
          value={range}
          allowClear={false}
          onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])}
        />
        {funds.data?.some((f) => f.synthetic) && <Tag color="orange">{t('demo')}</Tag>}
      </Space>
      <Card
        size="small"
        title={`${t('capitalTitle')}（${range[0].format('YYYY-MM')} ~ ${range[1].format('YYYY-MM')}）`}
        loading={r.isLoading}
      >
        {d && (
          <Row gutter={[16, 16]}>
            <Col xs={12} md={6}>
              <Statistic title={t('newVenture')} value={d.newVentureFirms} suffix={t('unitJia')} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={`${t('newCapital')}（${t('unitYi')}）`} value={yi(d.newCapitalYuan, 1)} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={t('newFirms')} value={d.newFirms} suffix={t('unitJia')} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={`${t('deals')} / ${t('dealAmount')}（${t('unitYi')}）`} value={`${d.deals} / ${yi(d.dealAmountYuan)}`} />
            </Col>
          </Row>
        )}
      </Card>
      <Card size="small" title={t('funds')}>
        <Table
          size="small"
          rowKey="id"
          loading={funds.isLoading}
          dataSource={funds.data ?? []}
          pagination={{ pageSize: 10 }}
          scroll={{ x: true }}
          locale={{ emptyText: t('noData') }}
          columns={[
            { title: t('fundName'), dataIndex: 'name' },
            { title: t('fundKind'), dataIndex: 'kind', render: (k: string) => fundKinds[k]?.[lang] ?? k },
            { title: `${t('fundSize')}（${t('unitYi')}）`, dataIndex: 'fundSizeYuan', align: 'right', render: (v: number) => yi(v) },
            { title: t('landedOn'), dataIndex: 'landedOn' },
            { title: t('manager'), dataIndex: 'manager', render: (v: string | null) => v ?? '—' },
            { title: t('deals'), dataIndex: 'deals', align: 'right' },
            { title: `${t('invested')}（${t('unitYi')}）`, dataIndex: 'investedYuan', align: 'right', render: (v: number) => yi(v) },
          ]}
        />
      </Card>
    </Space>
  );
}
