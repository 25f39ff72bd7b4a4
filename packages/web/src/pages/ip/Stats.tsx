import { Alert, Card, Col, Empty, Row, Statistic, Table, Tag } from 'antd';
import { useMemo } from 'react';
import { Chart } from '../../components/Chart.tsx';
import { ipUrl, useIp, useIpRole, yi } from './hooks.ts';
import { AWARD_LABELS, useI } from './i18n.ts';

interface Stats {
  validInventionPatents: number;
  validOverseasInventionPatents: number;
  validInventionPer10k: number | null;
  population: number | null;
  populationYear: number | null;
  inventionGrantsPerYear: { year: number; cn: number; overseas: number }[];
  chinaPatentAwards: { year: number; award: string; n: number }[];
  securitisation: { year: number; products: number; amountYuan: number; firms: number }[];
  pctApplications: number;
  firmsAbroad: number;
  insurance: { coverInForceYuan: number };
  workload: { openCases: number; openRequests: number; networkCountries: number };
}

/** Zone IP statistics, all computed by the server from records. */
export default function IpStats() {
  const { t, label } = useI();
  const { zone } = useIpRole();
  const { data, error } = useIp<Stats>(['stats', zone], ipUrl(zone, 'stats'));
  const grants = useMemo(
    () =>
      data && {
        tooltip: { trigger: 'axis' },
        legend: { top: 0, data: [t('domestic'), t('overseas')] },
        grid: { left: 50, right: 20, top: 40, bottom: 30 },
        xAxis: { type: 'category', data: data.inventionGrantsPerYear.map((r) => String(r.year)) },
        yAxis: { type: 'value' },
        series: [
          { name: t('domestic'), type: 'bar', stack: 'g', data: data.inventionGrantsPerYear.map((r) => r.cn) },
          { name: t('overseas'), type: 'bar', stack: 'g', data: data.inventionGrantsPerYear.map((r) => r.overseas) },
        ],
      },
    [data, t],
  );
  if (error) return <Alert type="error" message={(error as Error).message} />;
  if (!data) return <Card loading />;
  return (
    <>
      <Tag color="orange" style={{ marginBottom: 12 }}>
        {t('demo')}
      </Tag>
      <Row gutter={[12, 12]}>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('validInvention')} value={data.validInventionPatents} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic
              title={t('per10k')}
              value={data.validInventionPer10k ?? '—'}
              suffix={
                <span style={{ fontSize: 12 }}>
                  {data.population
                    ? `${t('population')} ${data.population.toLocaleString('zh-CN')}（${data.populationYear ?? ''}）`
                    : t('notSet')}
                </span>
              }
            />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('overseasValid')} value={data.validOverseasInventionPatents} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('coverInForce')} value={yi(data.insurance.coverInForceYuan)} suffix={t('yi')} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('pct')} value={data.pctApplications} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('firmsAbroad')} value={data.firmsAbroad} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('networkCountries')} value={data.workload.networkCountries} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic
              title={`${t('openCases')} / ${t('openRequests')}`}
              value={`${data.workload.openCases} / ${data.workload.openRequests}`}
            />
          </Card>
        </Col>
      </Row>
      <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('grantsPerYear')}>
            {data.inventionGrantsPerYear.length ? (
              <Chart option={grants!} height={280} ariaLabel={t('grantsPerYear')} />
            ) : (
              <Empty description={t('empty')} />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={6}>
          <Card size="small" title={t('cpa')}>
            <Table
              size="small"
              pagination={false}
              rowKey={(r) => `${r.year}-${r.award}`}
              dataSource={data.chinaPatentAwards}
              locale={{ emptyText: t('empty') }}
              columns={[
                { title: t('year'), dataIndex: 'year' },
                { title: t('award'), dataIndex: 'award', render: (v: string) => label(AWARD_LABELS, v) },
                { title: t('count'), dataIndex: 'n', align: 'right' },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={6}>
          <Card size="small" title={t('securitisation')}>
            <Table
              size="small"
              pagination={false}
              rowKey="year"
              dataSource={data.securitisation}
              locale={{ emptyText: t('empty') }}
              columns={[
                { title: t('year'), dataIndex: 'year' },
                { title: t('products'), dataIndex: 'products', align: 'right' },
                { title: t('amount'), dataIndex: 'amountYuan', align: 'right', render: (v: number) => yi(v) },
              ]}
            />
          </Card>
        </Col>
      </Row>
    </>
  );
}
