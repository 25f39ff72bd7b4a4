import { Alert, Button, Card, Col, DatePicker, Row, Space, Statistic, Table, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { ApiError, buildUrl } from '../../api/client.ts';
import { Chart } from '../../components/Chart.tsx';
import { iurl, pct, useInv, useInvRole, wanUsd, yi, yiUsd } from './hooks.ts';
import { useI } from './i18n.ts';

interface Figures {
  newForeignEnterprises: number;
  actualFdiUsd: number;
  contractFdiUsd: number;
  prev: { newForeignEnterprises: number; actualFdiUsd: number; contractFdiUsd: number };
  newForeignEnterprisesYoY: number | null;
  actualFdiYoY: number | null;
  contractFdiYoY: number | null;
}
interface Group extends Figures {
  code: string;
  name: string;
}
interface Report extends Figures {
  synthetic: boolean;
  from: string;
  to: string;
  prevFrom: string;
  prevTo: string;
  monthly: (Figures & { month: string })[];
  byCountry: Group[];
  byIndustry: Group[];
  signedForeignProjects: { count: number; contractInvestmentYuan: number; prevCount: number; yoy: number | null } | null;
}

const yoyTag = (r: number | null) => (r == null ? null : <Tag color={r >= 0 ? 'red' : 'green'}>{pct(r)}</Tag>);

/** 外资统计: period figures with y/y, monthly bars + y/y line, by country and industry; xlsx export. */
export default function Stats() {
  const { t, lang } = useI();
  const { zone } = useInvRole();
  const [range, setRange] = useState<[Dayjs, Dayjs] | null>(null);
  const query = range ? { from: range[0].format('YYYY-MM'), to: range[1].format('YYYY-MM') } : {};
  const r = useInv<Report>(['fdi', zone], iurl(zone, 'fdi/report'), query);
  const d = r.data;
  const monthly = useMemo(
    () =>
      d && {
        tooltip: { trigger: 'axis' },
        legend: {
          data: [
            `${t('actualFdi')}（${t('unitWanUsd')}）`,
            `${t('contractFdi')}（${t('unitWanUsd')}）`,
            `${t('actualFdi')} ${t('yoy')}（%）`,
          ],
        },
        grid: { left: 60, right: 50, bottom: 70, top: 40 },
        xAxis: { type: 'category', data: d.monthly.map((m) => m.month) },
        yAxis: [
          { type: 'value', name: t('unitWanUsd') },
          { type: 'value', name: '%', splitLine: { show: false } },
        ],
        series: [
          { name: `${t('actualFdi')}（${t('unitWanUsd')}）`, type: 'bar', data: d.monthly.map((m) => Math.round(m.actualFdiUsd / 1e4)) },
          {
            name: `${t('contractFdi')}（${t('unitWanUsd')}）`,
            type: 'bar',
            data: d.monthly.map((m) => Math.round(m.contractFdiUsd / 1e4)),
          },
          {
            name: `${t('actualFdi')} ${t('yoy')}（%）`,
            type: 'line',
            yAxisIndex: 1,
            data: d.monthly.map((m) => (m.actualFdiYoY == null ? null : Math.round(m.actualFdiYoY * 1000) / 10)),
          },
        ],
      },
    [d, t],
  );
  const byCountry = useMemo(() => {
    if (!d) return null;
    const top = d.byCountry.slice(0, 12).reverse();
    return {
      tooltip: { trigger: 'axis' },
      grid: { left: 110, right: 30, bottom: 30, top: 20 },
      xAxis: { type: 'value', name: t('unitWanUsd') },
      yAxis: { type: 'category', data: top.map((g) => g.name) },
      series: [{ type: 'bar', name: t('actualFdi'), data: top.map((g) => Math.round(g.actualFdiUsd / 1e4)) }],
    };
  }, [d, t]);
  const groupColumns = (first: string) => [
    { title: first, dataIndex: 'name', render: (v: string, g: Group) => `${v}${g.code !== v && g.code !== '—' ? `（${g.code}）` : ''}` },
    { title: `${t('newForeign')}（${t('unitJia')}）`, dataIndex: 'newForeignEnterprises', align: 'right' as const },
    { title: `${t('actualFdi')}（${t('unitWanUsd')}）`, dataIndex: 'actualFdiUsd', align: 'right' as const, render: wanUsd },
    { title: t('yoy'), dataIndex: 'actualFdiYoY', align: 'right' as const, render: pct },
    { title: `${t('contractFdi')}（${t('unitWanUsd')}）`, dataIndex: 'contractFdiUsd', align: 'right' as const, render: wanUsd },
    { title: t('yoy'), dataIndex: 'contractFdiYoY', align: 'right' as const, render: pct },
  ];
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Space wrap>
        <DatePicker.RangePicker
          picker="month"
          value={range ?? (d ? [dayjs(`${d.from}-01`), dayjs(`${d.to}-01`)] : null)}
          onChange={(v) => setRange(v?.[0] && v[1] ? [v[0], v[1]] : null)}
          allowClear={false}
        />
        {d && (
          <Button href={buildUrl(iurl(zone, 'fdi/report.xlsx'), { from: d.from, to: d.to })} target="_blank">
            {t('exportXlsx')}
          </Button>
        )}
        {d?.synthetic && <Tag color="orange">{t('demo')}</Tag>}
        {d && (
          <span style={{ color: '#666' }}>
            {d.from} ~ {d.to}（{t('prevPeriod')} {d.prevFrom} ~ {d.prevTo}）
          </span>
        )}
      </Space>
      {r.error && <Alert type="error" message={r.error instanceof ApiError ? r.error.localized(lang) : String(r.error)} />}
      {d && (
        <>
          <Row gutter={[16, 16]}>
            <Col xs={24} sm={12} lg={6}>
              <Card size="small">
                <Statistic title={t('newForeign')} value={d.newForeignEnterprises} suffix={t('unitJia')} />
                {t('yoy')} {yoyTag(d.newForeignEnterprisesYoY) ?? '—'}
              </Card>
            </Col>
            <Col xs={24} sm={12} lg={6}>
              <Card size="small">
                <Statistic title={t('actualFdi')} value={yiUsd(d.actualFdiUsd)} suffix={t('unitYiUsd')} />
                {t('yoy')} {yoyTag(d.actualFdiYoY) ?? '—'}
              </Card>
            </Col>
            <Col xs={24} sm={12} lg={6}>
              <Card size="small">
                <Statistic title={t('contractFdi')} value={yiUsd(d.contractFdiUsd)} suffix={t('unitYiUsd')} />
                {t('yoy')} {yoyTag(d.contractFdiYoY) ?? '—'}
              </Card>
            </Col>
            <Col xs={24} sm={12} lg={6}>
              <Card size="small">
                <Statistic
                  title={t('signedForeign')}
                  value={d.signedForeignProjects ? yi(d.signedForeignProjects.contractInvestmentYuan) : '—'}
                  suffix={`${t('unitYi')} / ${d.signedForeignProjects?.count ?? 0} ${t('unitGe')}`}
                />
              </Card>
            </Col>
          </Row>
          <Card size="small" title={t('monthly')}>
            {monthly && <Chart option={monthly} height={320} ariaLabel={t('monthly')} />}
          </Card>
          <Row gutter={16}>
            <Col xs={24} lg={10}>
              <Card size="small" title={`${t('byCountry')} · ${t('actualFdi')}`}>
                {byCountry && d.byCountry.length > 0 ? (
                  <Chart option={byCountry} height={360} ariaLabel={t('byCountry')} />
                ) : (
                  <span>{t('noData')}</span>
                )}
              </Card>
            </Col>
            <Col xs={24} lg={14}>
              <Card size="small" title={t('byCountry')}>
                <Table
                  size="small"
                  rowKey="code"
                  dataSource={d.byCountry}
                  columns={groupColumns(t('country'))}
                  pagination={{ pageSize: 8 }}
                  scroll={{ x: true }}
                />
              </Card>
            </Col>
          </Row>
          <Card size="small" title={t('byIndustry')}>
            <Table
              size="small"
              rowKey="code"
              dataSource={d.byIndustry}
              columns={groupColumns(t('industry'))}
              pagination={{ pageSize: 10 }}
              scroll={{ x: true }}
            />
          </Card>
        </>
      )}
    </Space>
  );
}
