import { GlobalOutlined } from '@ant-design/icons';
import { Card, Space, Table, Tabs, Tag, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router-dom';
import { zonePath } from '../../routes.tsx';
import ScenarioBatches from './Batches.tsx';
import { scUrl, useSc, useScenarioRole } from './hooks.ts';
import ScenarioItems from './Items.tsx';
import { useI } from './i18n.ts';
import ScenarioMatches from './Matches.tsx';
import ScenarioReport from './Report.tsx';

interface Resp {
  id: number;
  itemId: number;
  itemTitle: string;
  enterpriseName: string | null;
  message: string;
  contact: string;
  createdAt: string;
}

/** 我要对接 responses: an enterprise user sees its own, staff every response in the zone. */
function Responses() {
  const { t } = useI();
  const { zone, staff } = useScenarioRole();
  const r = useSc<Resp[]>(['responses', zone], scUrl(zone, 'responses'));
  return (
    <Table<Resp>
      size="small"
      rowKey="id"
      dataSource={r.data?.data ?? []}
      pagination={false}
      locale={{ emptyText: t('empty') }}
      columns={[
        {
          title: t('titleField'),
          dataIndex: 'itemTitle',
          render: (v: string, x) =>
            staff ? (
              <Link to={zonePath(zone, `scenarios/items/${x.itemId}`)}>{v}</Link>
            ) : (
              <a href={`/p/${encodeURIComponent(zone)}/scenarios/${x.itemId}`}>{v}</a>
            ),
        },
        ...(staff ? [{ title: t('enterprise'), dataIndex: 'enterpriseName', width: 220, render: (v: string | null) => v ?? '—' }] : []),
        { title: t('message'), dataIndex: 'message' },
        { title: t('contact'), dataIndex: 'contact', width: 200 },
        { title: t('publishedAt'), dataIndex: 'createdAt', width: 120, render: (v: string) => v.slice(0, 10) },
      ]}
    />
  );
}

/** 应用场景机会清单 (staff): items, batches, match board, report; an enterprise user sees its own items and responses. */
export default function ScenariosHome() {
  const { t } = useI();
  const { zone, staff, isEnterprise } = useScenarioRole();
  const [params, setParams] = useSearchParams();
  const items = [
    { key: 'items', label: t('tabItems'), children: <ScenarioItems /> },
    ...(staff
      ? [
          { key: 'batches', label: t('tabBatches'), children: <ScenarioBatches /> },
          { key: 'matches', label: t('tabMatches'), children: <ScenarioMatches /> },
          { key: 'responses', label: t('responses'), children: <Responses /> },
          { key: 'report', label: t('tabReport'), children: <ScenarioReport /> },
        ]
      : []),
    ...(isEnterprise ? [{ key: 'responses', label: t('tabResponses'), children: <Responses /> }] : []),
  ];
  const active = items.some((i) => i.key === params.get('tab')) ? params.get('tab')! : items[0].key;
  return (
    <Card
      data-testid="scenarios-staff"
      title={
        <Space wrap>
          {t('title')}
          <Typography.Text type="secondary" style={{ fontWeight: 'normal', fontSize: 13 }}>
            {t('slogan')}
          </Typography.Text>
          <Tag color="orange">{t('demo')}</Tag>
        </Space>
      }
      extra={
        <a href={`/p/${encodeURIComponent(zone)}/scenarios`} target="_blank" rel="noreferrer">
          <GlobalOutlined /> {t('publicPage')}
        </a>
      }
    >
      <Tabs activeKey={active} onChange={(k) => setParams({ tab: k }, { replace: true })} items={items} destroyOnHidden />
    </Card>
  );
}
