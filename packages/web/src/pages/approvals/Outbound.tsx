import { Card, Col, Collapse, Empty, Row, Statistic, Table, Tag, Typography } from 'antd';
import { Chart } from '../../components/Chart.tsx';
import { WorldMap } from '../../components/WorldMap.tsx';
import { useApi, useRole, yi, zurl } from './hooks.ts';
import { useA } from './i18n.ts';

interface Summary {
  sinceYear: number;
  projects: number;
  countries: number;
  contractUsd: number;
  synthetic: boolean;
  byCountry: { code: string; nameZh: string; nameEn: string; projects: number; usd: number }[];
  byYear: { year: number; projects: number; usd: number }[];
}
interface Platform {
  id: number;
  name: string;
  nameEn: string | null;
  establishedYear: number | null;
  synthetic: boolean;
  partners: { id: number; name: string; countryName: string | null; kind: string | null }[];
  projects: {
    id: number;
    name: string;
    countryName: string | null;
    investmentUsd: number | null;
    year: number | null;
    status: string | null;
  }[];
}

export default function Outbound() {
  const { t, lang } = useA();
  const { zone } = useRole();
  const s = useApi<Summary>(['outbound', zone], zurl(zone, 'outbound/summary'), { sinceYear: 2019 }).data;
  const platforms = useApi<Platform[]>(['platforms', zone], zurl(zone, 'platforms')).data;
  const top = (s?.byCountry ?? []).slice(0, 20);
  return (
    <>
      <Card
        title={
          <>
            {t('since2019')}
            {s?.synthetic && (
              <Tag color="orange" style={{ marginInlineStart: 8 }}>
                {t('demo')}
              </Tag>
            )}
          </>
        }
        loading={!s}
        style={{ marginBottom: 16 }}
      >
        {s && s.projects === 0 ? (
          <Empty />
        ) : (
          s && (
            <>
              <Row gutter={16} style={{ marginBottom: 16 }}>
                <Col xs={24} sm={8}>
                  <Statistic title={t('projects')} value={s.projects} />
                </Col>
                <Col xs={24} sm={8}>
                  <Statistic title={t('countries')} value={s.countries} />
                </Col>
                <Col xs={24} sm={8}>
                  <Statistic title={t('contractUsd')} value={yi(s.contractUsd)} suffix={t('usdYi')} />
                </Col>
              </Row>
              <WorldMap
                data={s.byCountry.map((c) => ({ code: c.code, value: Number(yi(c.usd)), name: lang === 'en' ? c.nameEn : c.nameZh }))}
                unit={t('usdYi')}
                ariaLabel={t('byCountry')}
              />
              <Row gutter={16}>
                <Col xs={24} lg={14}>
                  <Typography.Text strong>{t('byCountry')}</Typography.Text>
                  <Chart
                    height={Math.max(300, top.length * 22)}
                    ariaLabel={t('byCountry')}
                    option={{
                      tooltip: { trigger: 'axis' },
                      grid: { left: 90, right: 40, top: 10, bottom: 20 },
                      xAxis: { type: 'value' },
                      yAxis: { type: 'category', inverse: true, data: top.map((c) => (lang === 'en' ? c.nameEn : c.nameZh)) },
                      series: [{ type: 'bar', data: top.map((c) => Number(yi(c.usd))), label: { show: true, position: 'right' } }],
                    }}
                  />
                </Col>
                <Col xs={24} lg={10}>
                  <Typography.Text strong>{t('byYear')}</Typography.Text>
                  <Chart
                    height={320}
                    ariaLabel={t('byYear')}
                    option={{
                      tooltip: { trigger: 'axis' },
                      legend: { top: 0, data: [t('contractUsd'), t('projects')] },
                      grid: { left: 40, right: 40, top: 50, bottom: 30 },
                      xAxis: { type: 'category', data: s.byYear.map((y) => String(y.year)) },
                      yAxis: [
                        { type: 'value', name: t('usdYi') },
                        { type: 'value', name: t('projects') },
                      ],
                      series: [
                        { name: t('contractUsd'), type: 'bar', data: s.byYear.map((y) => Number(yi(y.usd))) },
                        { name: t('projects'), type: 'bar', yAxisIndex: 1, data: s.byYear.map((y) => y.projects) },
                      ],
                    }}
                  />
                </Col>
              </Row>
            </>
          )
        )}
      </Card>
      <Card title={t('platforms')} loading={!platforms}>
        {platforms && platforms.length === 0 && <Empty />}
        <Collapse
          items={(platforms ?? []).map((p) => ({
            key: p.id,
            label: (
              <>
                {lang === 'en' && p.nameEn ? p.nameEn : p.name}
                {p.establishedYear ? ` · ${p.establishedYear}` : ''} · {p.projects.length} {t('platformProjects')} · {p.partners.length}{' '}
                {t('partners')}
                {p.synthetic && (
                  <Tag color="orange" style={{ marginInlineStart: 8 }}>
                    {t('demo')}
                  </Tag>
                )}
              </>
            ),
            children: (
              <Row gutter={16}>
                <Col xs={24} md={10}>
                  <Table
                    size="small"
                    rowKey="id"
                    pagination={false}
                    dataSource={p.partners}
                    columns={[
                      { title: t('partners'), dataIndex: 'name' },
                      { title: t('country'), dataIndex: 'countryName' },
                    ]}
                  />
                </Col>
                <Col xs={24} md={14}>
                  <Table
                    size="small"
                    rowKey="id"
                    pagination={false}
                    dataSource={p.projects}
                    scroll={{ x: 500 }}
                    columns={[
                      { title: t('platformProjects'), dataIndex: 'name' },
                      { title: t('year'), dataIndex: 'year', width: 70 },
                      {
                        title: t('usdYi'),
                        dataIndex: 'investmentUsd',
                        width: 90,
                        render: (v: number | null) => (v == null ? '—' : (v / 1e8).toFixed(2)),
                      },
                      { title: t('status'), dataIndex: 'status', width: 70 },
                    ]}
                  />
                </Col>
              </Row>
            ),
          }))}
        />
      </Card>
    </>
  );
}
