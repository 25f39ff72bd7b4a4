import { Card, Tabs } from 'antd';
import { useSearchParams } from 'react-router-dom';
import IpCases from './Cases.tsx';
import IpExperts from './Experts.tsx';
import IpGap from './Gap.tsx';
import { useIpRole } from './hooks.ts';
import IpInsurance from './Insurance.tsx';
import { useI } from './i18n.ts';
import IpPortfolio from './Portfolio.tsx';
import IpStats from './Stats.tsx';

/** 知识产权护航出海: zone statistics, exposure gap, enterprise portfolios, cases, experts, insurance. */
export default function IpHome() {
  const { t } = useI();
  const { isEnterprise } = useIpRole();
  const [params, setParams] = useSearchParams();
  const ent = params.get('enterprise') ? Number(params.get('enterprise')) : null;
  const go = (tab: string, extra: Record<string, string> = {}) => setParams({ tab, ...extra }, { replace: true });
  const openEnterprise = (id: number) => go('portfolio', { enterprise: String(id) });
  const items = [
    ...(isEnterprise
      ? []
      : [
          { key: 'stats', label: t('tabStats'), children: <IpStats /> },
          { key: 'gap', label: t('tabGap'), children: <IpGap onOpen={openEnterprise} /> },
        ]),
    { key: 'portfolio', label: t('tabPortfolio'), children: <IpPortfolio enterpriseId={ent} onPick={openEnterprise} /> },
    { key: 'cases', label: t('tabCases'), children: <IpCases /> },
    { key: 'experts', label: t('tabExperts'), children: <IpExperts /> },
    { key: 'insurance', label: t('tabInsurance'), children: <IpInsurance /> },
  ];
  const active = items.some((i) => i.key === params.get('tab')) ? params.get('tab')! : items[0].key;
  return (
    <Card title={t('title')}>
      <Tabs activeKey={active} onChange={(k) => go(k, ent ? { enterprise: String(ent) } : {})} items={items} destroyOnHidden />
    </Card>
  );
}
