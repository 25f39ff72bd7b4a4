import { Card, Tabs } from 'antd';
import { useSearchParams } from 'react-router-dom';
import CalendarAdmin from './CalendarAdmin.tsx';
import FastTrack from './FastTrack.tsx';
import { useRole } from './hooks.ts';
import { useA } from './i18n.ts';
import Labs from './Labs.tsx';
import Measures from './Measures.tsx';
import Outbound from './Outbound.tsx';

/** 营商环境与服务: 工业快批, outbound investment & platforms, open labs, reform measures, working-day calendar. */
export default function ApprovalsHome() {
  const { t } = useA();
  const { staff } = useRole();
  const [params, setParams] = useSearchParams();
  const items = [
    { key: 'fast-track', label: t('tabFastTrack'), children: <FastTrack /> },
    ...(staff ? [{ key: 'outbound', label: t('tabOutbound'), children: <Outbound /> }] : []),
    { key: 'labs', label: t('tabLabs'), children: <Labs /> },
    ...(staff ? [{ key: 'measures', label: t('tabMeasures'), children: <Measures /> }] : []),
    { key: 'calendar', label: t('tabCalendar'), children: <CalendarAdmin /> },
  ];
  const active = items.some((i) => i.key === params.get('tab')) ? params.get('tab')! : 'fast-track';
  return (
    <Card title={t('title')}>
      <Tabs activeKey={active} onChange={(k) => setParams({ tab: k }, { replace: true })} items={items} destroyOnHidden />
    </Card>
  );
}
