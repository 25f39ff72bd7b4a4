import type { ClusterSummary, CoverageNode, ListedEnterprise } from '@kaifaqu/contracts';
import { Card, Col, Empty, Row, Space, Spin, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { Chart } from '../../components/Chart.tsx';
import { zonePath } from '../../routes.tsx';
import { eurl, useEnt, yi } from './hooks.ts';
import { useI } from './i18n.ts';

const tierColor: Record<string, string> = { 千亿级: 'red', 百亿级: 'orange', 其他: 'default' };

function countLevels(nodes: CoverageNode[]) {
  const c = { 大类: 0, 中类: 0, 小类: 0, firms: 0 };
  const walk = (n: CoverageNode) => {
    if (n.level in c) c[n.level as '大类']++;
    if (n.level === '门类') c.firms += n.enterprises;
    for (const ch of n.children ?? []) walk(ch);
  };
  nodes.forEach(walk);
  return c;
}

/** 产业结构: coverage tree (section → 大类 → 中类 → 小类 → firms), clusters with automatic tiers, the six strategic emerging industries. */
export default function Structure() {
  const { t, lang } = useI();
  const { zone = '' } = useParams();
  const coverage = useEnt<CoverageNode[]>(['coverage', zone], `/api/zones/${encodeURIComponent(zone)}/overview/coverage`);
  const clusters = useEnt<ClusterSummary[]>(['clusters', zone], eurl(zone, 'clusters'));
  const tags = useEnt<{ code: string; name: string; nameEn: string; enterprises: number }[]>(['tags', zone], eurl(zone, 'tags'));
  const navigate = useNavigate();
  const [picked, setPicked] = useState<CoverageNode | null>(null);
  const [page, setPage] = useState(1);
  // The same predicate as the coverage counts: active, 规上 in the latest data year, industry under the picked code.
  const firms = useEnt<ListedEnterprise[]>(['coverageFirms', zone, picked?.code ?? '', page], picked ? eurl(zone) : null, {
    industry: picked?.code,
    aboveScale: 'true',
    active: 'true',
    sort: 'output',
    order: 'desc',
    page,
    pageSize: 10,
  });
  const tree = coverage.data?.data ?? [];
  const counts = useMemo(() => countLevels(tree), [tree]);
  const cl = clusters.data?.data ?? [];
  const clusterOption = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      grid: { left: 50, right: 20, top: 30, bottom: 60 },
      xAxis: { type: 'category', data: cl.map((c) => c.name), axisLabel: { interval: 0, rotate: cl.length > 6 ? 30 : 0 } },
      yAxis: { type: 'value', name: lang === 'en' ? '100m ¥' : '亿元' },
      series: [
        {
          type: 'bar',
          data: cl.map((c) => ({
            value: Math.round(c.outputYuan / 1e8),
            itemStyle: { color: c.tier === '千亿级' ? '#cf1322' : c.tier === '百亿级' ? '#fa8c16' : '#8c8c8c' },
          })),
          label: { show: true, position: 'top' },
        },
      ],
    }),
    [cl, lang],
  );

  const tagList = tags.data?.data ?? [];
  const tagOption = useMemo(
    () => ({
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 8, right: 40, top: 10, bottom: 10, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: {
        type: 'category',
        inverse: true,
        data: tagList.map((x) => (lang === 'en' ? x.nameEn : x.name)),
        axisLabel: { width: 150, overflow: 'truncate' },
      },
      series: [
        {
          type: 'bar',
          name: t('firms'),
          data: tagList.map((x) => x.enterprises),
          itemStyle: { color: '#1677ff' },
          label: { show: true, position: 'right' },
        },
      ],
    }),
    [tagList, lang, t],
  );
  const openTag = (code: string | undefined) => code && navigate(`${zonePath(zone, 'enterprises')}?tab=list&tag=${code}`);

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card title={t('coverage')} size="small">
            <Typography.Paragraph type="secondary">{t('coverageHint')}</Typography.Paragraph>
            {coverage.isLoading ? (
              <Spin />
            ) : (
              <>
                <Typography.Paragraph strong>
                  {t('coverageSummary', { f: counts.firms, d: counts.大类, g: counts.中类, c: counts.小类 })}
                </Typography.Paragraph>
                <Table<CoverageNode>
                  rowKey="code"
                  size="small"
                  dataSource={tree}
                  pagination={false}
                  scroll={{ y: 420 }}
                  locale={{ emptyText: <Empty /> }}
                  rowClassName={(r) => (picked?.code === r.code ? 'ant-table-row-selected' : '')}
                  onRow={(r) => ({
                    onClick: () => {
                      setPicked(r);
                      setPage(1);
                    },
                    style: { cursor: 'pointer' },
                  })}
                  columns={[
                    { title: t('industryCode'), dataIndex: 'code', width: 160, render: (v: string, r) => `${v} · ${r.level}` },
                    { title: t('name'), dataIndex: 'name', ellipsis: true },
                    { title: t('firms'), dataIndex: 'enterprises', width: 80, align: 'right' },
                  ]}
                />
              </>
            )}
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={picked ? t('firmsIn', { code: picked.code, name: picked.name }) : t('view')}>
            {!picked ? (
              <Empty description={t('coverageHint')} />
            ) : (
              <Table<ListedEnterprise>
                rowKey="id"
                size="small"
                loading={firms.isFetching}
                dataSource={firms.data?.data ?? []}
                pagination={{
                  current: page,
                  pageSize: 10,
                  total: firms.data?.pagination?.total ?? 0,
                  onChange: setPage,
                  showSizeChanger: false,
                }}
                columns={[
                  {
                    title: t('name'),
                    dataIndex: 'name',
                    render: (v: string, r) => (
                      <Space size={4}>
                        <Link to={zonePath(zone, `enterprises/${r.id}`)}>{v}</Link>
                        {r.synthetic && <Tag color="orange">{t('demo')}</Tag>}
                      </Space>
                    ),
                  },
                  { title: t('industry'), dataIndex: 'industryCode', width: 70 },
                  {
                    title: t('output'),
                    dataIndex: 'industrialOutputYuan',
                    align: 'right',
                    width: 130,
                    render: (v: number | null) => yi(v, 2),
                  },
                ]}
              />
            )}
          </Card>
        </Col>
      </Row>
      <Card size="small" title={t('clustersTitle')}>
        {cl.length ? <Chart option={clusterOption} height={280} ariaLabel={t('clustersTitle')} /> : <Empty />}
        <Table<ClusterSummary>
          rowKey="code"
          size="small"
          dataSource={cl}
          pagination={false}
          scroll={{ x: 700 }}
          columns={[
            {
              title: t('cluster'),
              dataIndex: 'name',
              render: (v: string, c) => (
                <Space size={4}>
                  <Link to={`${zonePath(zone, 'enterprises')}?tab=list&cluster=${encodeURIComponent(c.code)}`}>
                    {lang === 'en' ? (c.nameEn ?? v) : v}
                  </Link>
                  {c.synthetic && <Tag color="orange">{t('demo')}</Tag>}
                </Space>
              ),
            },
            { title: t('tier'), dataIndex: 'tier', render: (v: string) => <Tag color={tierColor[v]}>{v}</Tag> },
            {
              title: `${t('clusterOutput')}`,
              dataIndex: 'outputYuan',
              align: 'right',
              render: (v: number, c) => `${yi(v, 1)}${c.year ? `（${c.year}）` : ''}`,
            },
            { title: t('firms'), dataIndex: 'enterprises', align: 'right' },
            { title: t('prefixes'), dataIndex: 'prefixes', render: (v: string[]) => v.join('、') || '—' },
            { title: t('tagged'), dataIndex: 'taggedEnterprises', align: 'right' },
          ]}
        />
      </Card>
      <Card size="small" title={t('tagsTitle')}>
        {tagList.some((x) => x.enterprises) ? (
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={10}>
              <Chart
                option={tagOption}
                height={240}
                ariaLabel={t('tagsTitle')}
                onClick={(e) => openTag(tagList[e.dataIndex ?? -1]?.code)}
              />
            </Col>
            <Col xs={24} lg={14}>
              <Row gutter={[12, 12]}>
                {tagList.map((x) => (
                  <Col key={x.code} xs={12} md={8}>
                    <Link to={`${zonePath(zone, 'enterprises')}?tab=list&tag=${x.code}`}>
                      <Card size="small" hoverable>
                        <Typography.Text strong ellipsis={{ tooltip: true }} style={{ display: 'block' }}>
                          {lang === 'en' ? x.nameEn : x.name}
                        </Typography.Text>
                        <div style={{ fontSize: 22 }}>{x.enterprises}</div>
                      </Card>
                    </Link>
                  </Col>
                ))}
              </Row>
            </Col>
          </Row>
        ) : (
          <Empty description={t('noTags')} />
        )}
      </Card>
    </Space>
  );
}
