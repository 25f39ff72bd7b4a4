import { Card, Tabs } from 'antd';
import { useParams, useSearchParams } from 'react-router-dom';
import { useMe } from '../../api/queries.ts';
import Frameworks from './Frameworks.tsx';
import { useE } from './i18n.ts';
import National from './National.tsx';
import Results from './Results.tsx';
import Submission from './Submission.tsx';

/** 综合发展水平考核评价: the zone's published results and data submission; the national side for 评价专家. */
export default function EvaluationHome() {
  const { t } = useE();
  const { zone = '' } = useParams();
  const { data: me } = useMe();
  const [params, setParams] = useSearchParams();
  const m = me?.memberships.find((x) => x.zone.code === zone);
  const sys = me?.globalRole === 'sysadmin';
  const isZone = sys || m?.role === 'zone_admin' || m?.role === 'staff';
  const isEvaluator = sys || me?.globalRole === 'evaluator';
  const items = [
    ...(isZone
      ? [
          { key: 'results', label: t('tabResults'), children: <Results zone={zone} /> },
          { key: 'submission', label: t('tabSubmission'), children: <Submission zone={zone} canEdit={sys || m?.role === 'zone_admin'} /> },
        ]
      : []),
    ...(isEvaluator
      ? [
          { key: 'national', label: t('tabNational'), children: <National /> },
          { key: 'frameworks', label: t('tabFrameworks'), children: <Frameworks /> },
        ]
      : []),
  ];
  const active = items.some((i) => i.key === params.get('tab')) ? params.get('tab')! : items[0]?.key;
  return (
    <Card title={t('title')}>
      <Tabs activeKey={active} onChange={(k) => setParams({ tab: k }, { replace: true })} items={items} destroyOnHidden />
    </Card>
  );
}
