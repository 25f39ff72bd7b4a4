import { Card, Tabs } from 'antd';
import { useSearchParams } from 'react-router-dom';
import Capital from './Capital.tsx';
import { useI } from './i18n.ts';
import Kanban from './Kanban.tsx';
import { ApprovalList, NotificationBar, OverdueList } from './Lists.tsx';
import Stats from './Stats.tsx';

/** 招商引资: pipeline board, overdue follow-ups, 领导审批, FDI statistics, capital linkage. */
export default function InvestmentHome() {
  const { t } = useI();
  const [params, setParams] = useSearchParams();
  const items = [
    { key: 'kanban', label: t('tabKanban'), children: <Kanban /> },
    { key: 'followups', label: t('tabFollowups'), children: <OverdueList /> },
    { key: 'approvals', label: t('tabApprovals'), children: <ApprovalList /> },
    { key: 'stats', label: t('tabStats'), children: <Stats /> },
    { key: 'capital', label: t('tabCapital'), children: <Capital /> },
  ];
  const active = items.some((i) => i.key === params.get('tab')) ? params.get('tab')! : 'kanban';
  return (
    <Card title={t('title')}>
      <NotificationBar />
      <Tabs activeKey={active} onChange={(k) => setParams({ tab: k }, { replace: true })} items={items} destroyOnHidden />
    </Card>
  );
}
