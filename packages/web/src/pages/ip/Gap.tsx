import { Alert, Card, Col, Empty, Row, Statistic, Table, Tag } from 'antd';
import { useMemo } from 'react';
import { Chart } from '../../components/Chart.tsx';
import { WorldMap } from '../../components/WorldMap.tsx';
import { ipUrl, useIp, useIpRole, wan, yi } from './hooks.ts';
import { useI } from './i18n.ts';

interface CountryRow {
  country: string;
  countryName: string;
  firms: number;
  protectedFirms: number;
  pendingFirms: number;
  unprotectedFirms: number;
  revenueAtRiskYuan: number;
}
interface TopRow {
  enterpriseId: number;
  enterpriseName: string;
  country: string;
  countryName: string;
  kind: string;
  revenueSharePct: number;
  revenueAtRiskYuan: number;
  state: string;
}
interface ZoneGap {
  markets: number;
  unprotectedMarkets: number;
  revenueAtRiskYuan: number;
  countries: CountryRow[];
  top: TopRow[];
}

export function StateTag({ state }: { state: string }) {
  const { t } = useI();
  if (state === 'protected') return <Tag color="green">{t('stateProtected')}</Tag>;
  if (state === 'pending') return <Tag color="gold">{t('statePending')}</Tag>;
  return <Tag color="red">{t('stateNone')}</Tag>;
}

/** Zone-wide exposure: markets without protection, by country and ranked by revenue at risk. */
export default function IpGap({ onOpen }: { onOpen: (enterpriseId: number) => void }) {
  const { t } = useI();
  const { zone } = useIpRole();
  const { data, error } = useIp<ZoneGap>(['gapZone', zone], ipUrl(zone, 'gap/zone'), { limit: 50 });
  const bars = useMemo(() => {
    if (!data) return null;
    const rows = data.countries
      .filter((c) => c.revenueAtRiskYuan > 0)
      .slice(0, 20)
      .reverse();
    return {
      tooltip: { trigger: 'axis' },
      grid: { left: 90, right: 30, top: 10, bottom: 30 },
      xAxis: { type: 'value' },
      yAxis: { type: 'category', data: rows.map((r) => r.countryName) },
      series: [{ type: 'bar', data: rows.map((r) => Math.round(r.revenueAtRiskYuan / 1e4)), itemStyle: { color: '#cf1322' } }],
    };
  }, [data]);
  if (error) return <Alert type="error" message={(error as Error).message} />;
  if (!data) return <Card loading />;
  return (
    <>
      <Tag color="orange" style={{ marginBottom: 12 }}>
        {t('demo')}
      </Tag>
      <Row gutter={[12, 12]}>
        <Col xs={8}>
          <Card size="small">
            <Statistic title={t('markets')} value={data.markets} />
          </Card>
        </Col>
        <Col xs={8}>
          <Card size="small">
            <Statistic title={t('unprotectedMarkets')} value={data.unprotectedMarkets} />
          </Card>
        </Col>
        <Col xs={8}>
          <Card size="small">
            <Statistic title={t('revenueAtRisk')} value={yi(data.revenueAtRiskYuan)} suffix={t('yi')} />
          </Card>
        </Col>
      </Row>
      <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
        <Col xs={24} lg={10}>
          <Card size="small" title={t('byCountry')}>
            {data.countries.some((c) => c.revenueAtRiskYuan > 0) && (
              <WorldMap
                height={300}
                unit={t('yi')}
                ariaLabel={t('byCountry')}
                data={data.countries
                  .filter((c) => c.revenueAtRiskYuan > 0)
                  .map((c) => ({ code: c.country, value: Math.round(c.revenueAtRiskYuan / 1e6) / 100, name: c.countryName }))}
              />
            )}
            {bars && data.countries.length ? (
              <Chart option={bars} height={460} ariaLabel={t('byCountry')} />
            ) : (
              <Empty description={t('empty')} />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Card size="small" title={t('country')}>
            <Table
              size="small"
              rowKey="country"
              dataSource={data.countries}
              pagination={{ pageSize: 12 }}
              locale={{ emptyText: t('empty') }}
              columns={[
                { title: t('country'), dataIndex: 'countryName', render: (v: string, r: CountryRow) => `${v}（${r.country}）` },
                { title: t('firms'), dataIndex: 'firms', align: 'right' },
                { title: t('protectedFirms'), dataIndex: 'protectedFirms', align: 'right' },
                { title: t('pendingFirms'), dataIndex: 'pendingFirms', align: 'right' },
                { title: t('unprotectedFirms'), dataIndex: 'unprotectedFirms', align: 'right' },
                {
                  title: `${t('revenueAtRisk')}（${t('wan')}）`,
                  dataIndex: 'revenueAtRiskYuan',
                  align: 'right',
                  render: (v: number) => wan(v),
                },
              ]}
            />
          </Card>
        </Col>
      </Row>
      <Card size="small" title={t('topRisks')} style={{ marginTop: 12 }}>
        <Table
          size="small"
          rowKey={(r) => `${r.enterpriseId}-${r.country}-${r.kind}`}
          dataSource={data.top}
          pagination={{ pageSize: 10 }}
          locale={{ emptyText: t('empty') }}
          onRow={(r) => ({ onClick: () => onOpen(r.enterpriseId), style: { cursor: 'pointer' } })}
          columns={[
            { title: t('enterprise'), dataIndex: 'enterpriseName' },
            { title: t('country'), dataIndex: 'countryName' },
            { title: t('kind'), dataIndex: 'kind', render: (v: string) => (v === 'planned' ? t('kindPlanned') : t('kindExport')) },
            { title: t('share'), dataIndex: 'revenueSharePct', align: 'right', render: (v: number) => `${v}%` },
            { title: t('state'), dataIndex: 'state', render: (v: string) => <StateTag state={v} /> },
            {
              title: `${t('revenueAtRisk')}（${t('wan')}）`,
              dataIndex: 'revenueAtRiskYuan',
              align: 'right',
              render: (v: number) => wan(v),
            },
          ]}
        />
      </Card>
    </>
  );
}
