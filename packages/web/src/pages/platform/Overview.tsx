import { Alert, Button, Card, Col, Result, Row, Select, Skeleton, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useParams, useSearchParams } from 'react-router-dom';
import { ApiError } from '../../api/client.ts';
import { useCoverage, useOverview } from '../../api/queries.ts';
import { useLang, useT } from '../../i18n/index.tsx';
import { useZoneSummary } from '../../layout/useZoneSummary.ts';
import { ClusterChart } from './overview/ClusterChart.tsx';
import { CoverageChart } from './overview/CoverageChart.tsx';
import { FdiChart } from './overview/FdiChart.tsx';
import { RowsDrawer } from './overview/RowsDrawer.tsx';
import { StatCards } from './overview/StatCards.tsx';
import type { DrillTarget } from './overview/types.ts';

export default function Overview() {
  const t = useT();
  const [lang] = useLang();
  const { zone = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const year = Number(params.get('year')) || undefined;
  const overview = useOverview(zone, year);
  const coverage = useCoverage(zone, year);
  const [drill, setDrill] = useState<DrillTarget | null>(null);
  const summary = useZoneSummary(zone);

  if (overview.isPending) return <Skeleton active paragraph={{ rows: 12 }} />;
  if (overview.isError) {
    const e = overview.error;
    const missing = e instanceof ApiError && (e.status === 404 || e.status === 403);
    return (
      <Result
        status={missing ? '404' : 'error'}
        title={missing ? t('overview.notFound') : t('common.loadFailed')}
        subTitle={e instanceof ApiError ? e.localized(lang) : undefined}
        extra={missing ? null : <Button onClick={() => overview.refetch()}>{t('common.retry')}</Button>}
      />
    );
  }
  const data = overview.data;
  const years = [...new Set([String(data.dataYear), ...Object.keys(data.actualFdiUsdByYear)])].sort().reverse();

  return (
    <div data-testid="overview">
      <Space align="center" wrap style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }}>
        <Space align="center" wrap size={[8, 0]}>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {lang === 'en' && summary?.nameEn ? summary.nameEn : data.zoneName}
          </Typography.Title>
          {data.synthetic ? <Tag color="orange">{t('common.demoData')}</Tag> : null}
        </Space>
        <Space wrap>
          <Typography.Text type="secondary">{t('overview.asOf', { date: dayjs(data.asOf).format('YYYY-MM-DD') })}</Typography.Text>
          <Typography.Text type="secondary">{t('overview.dataYear', { year: data.dataYear })}</Typography.Text>
          <Select
            aria-label={t('overview.year')}
            size="small"
            style={{ width: 110 }}
            value={year ? String(year) : ''}
            options={[{ value: '', label: t('overview.latestYear') }, ...years.map((y) => ({ value: y, label: y }))]}
            onChange={(v: string) => setParams(v ? { year: v } : {}, { replace: true })}
          />
        </Space>
      </Space>
      {data.synthetic ? (
        <Alert type="warning" showIcon title={t('common.demoBanner')} style={{ marginBottom: 16 }} data-testid="demo-banner" />
      ) : null}

      <StatCards data={data} onDrill={setDrill} />

      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} xl={12}>
          <Card title={t('overview.fdiChart')} styles={{ body: { padding: 12 } }}>
            <FdiChart data={data} onDrill={setDrill} />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title={t('overview.clusterChart')} styles={{ body: { padding: 12 } }}>
            <ClusterChart data={data} onDrill={setDrill} />
          </Card>
        </Col>
        <Col span={24}>
          <Card title={t('overview.coverageChart')} styles={{ body: { padding: 12 } }}>
            {coverage.isPending ? (
              <Skeleton active />
            ) : coverage.isError ? (
              <Alert
                type="error"
                showIcon
                title={coverage.error instanceof ApiError ? coverage.error.localized(lang) : t('common.loadFailed')}
              />
            ) : (
              <CoverageChart nodes={coverage.data} onDrill={setDrill} />
            )}
          </Card>
        </Col>
      </Row>

      <RowsDrawer zone={zone} target={drill} onClose={() => setDrill(null)} />
    </div>
  );
}
