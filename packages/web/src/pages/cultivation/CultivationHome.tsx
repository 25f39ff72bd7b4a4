import { Card, Tabs } from 'antd';
import { useSearchParams } from 'react-router-dom';
import Applications from './Applications.tsx';
import Assessment from './Assessment.tsx';
import Funnel from './Funnel.tsx';
import { useCvRole } from './hooks.ts';
import { useI } from './i18n.ts';
import RuleSets from './RuleSets.tsx';
import Screening from './Screening.tsx';
import SelfAssess from './SelfAssess.tsx';

/** 梯度培育: funnel, screening, enterprise assessment, applications and the enterprise self-assessment. */
export default function CultivationHome() {
  const { t } = useI();
  const { isEnterprise, enterpriseId: own } = useCvRole();
  const [params, setParams] = useSearchParams();
  const ent = isEnterprise ? own : params.get('enterprise') ? Number(params.get('enterprise')) : null;
  const go = (tab: string, extra: Record<string, string> = {}) => setParams({ tab, ...extra }, { replace: true });
  const open = (id: number) => go('assessment', { enterprise: String(id) });
  const items = [
    ...(isEnterprise
      ? []
      : [
          { key: 'funnel', label: t('tabFunnel'), children: <Funnel /> },
          { key: 'screening', label: t('tabScreening'), children: <Screening onOpen={open} /> },
        ]),
    { key: 'assessment', label: t('tabAssessment'), children: <Assessment enterpriseId={ent} onPick={open} /> },
    { key: 'applications', label: t('tabApplications'), children: <Applications /> },
    { key: 'self', label: t('tabSelf'), children: <SelfAssess enterpriseId={ent} /> },
    ...(isEnterprise ? [] : [{ key: 'rulesets', label: t('tabRuleSets'), children: <RuleSets /> }]),
  ];
  const active = items.some((i) => i.key === params.get('tab')) ? params.get('tab')! : items[0].key;
  return (
    <Card title={t('title')}>
      <Tabs
        activeKey={active}
        onChange={(k) => go(k, ent && !isEnterprise ? { enterprise: String(ent) } : {})}
        items={items}
        destroyOnHidden
      />
    </Card>
  );
}
