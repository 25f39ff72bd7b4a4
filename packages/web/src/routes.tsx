import {
  AppstoreOutlined,
  AuditOutlined,
  BankOutlined,
  DashboardOutlined,
  FileProtectOutlined,
  FundOutlined,
  RiseOutlined,
  SafetyCertificateOutlined,
  TrophyOutlined,
} from '@ant-design/icons';
import { lazy, type ReactNode } from 'react';
import type { Access } from './access.ts';
import type { MessageKey } from './i18n/index.tsx';

const Overview = lazy(() => import('./pages/platform/Overview.tsx'));
const Audit = lazy(() => import('./pages/platform/Audit.tsx'));
const InvestmentHome = lazy(() => import('./pages/investment/InvestmentHome.tsx'));
const InvestmentProject = lazy(() => import('./pages/investment/ProjectDetail.tsx'));
const EvaluationHome = lazy(() => import('./pages/evaluation/EvaluationHome.tsx'));
const IpHome = lazy(() => import('./pages/ip/IpHome.tsx'));
const CultivationHome = lazy(() => import('./pages/cultivation/CultivationHome.tsx'));
const ApprovalsHome = lazy(() => import('./pages/approvals/ApprovalsHome.tsx'));
const ApplicationDetail = lazy(() => import('./pages/approvals/ApplicationDetail.tsx'));
const EnterprisesHome = lazy(() => import('./pages/enterprises/EnterprisesHome.tsx'));
const EnterpriseDetail = lazy(() => import('./pages/enterprises/EnterpriseDetail.tsx'));
const ScenariosHome = lazy(() => import('./pages/scenarios/ScenariosHome.tsx'));
const ScenarioItemDetail = lazy(() => import('./pages/scenarios/ItemDetail.tsx'));

/** One row drives both a react-router route and (unless hidden) a left-menu item. */
export interface AppRoute {
  /** Relative to `/z/:zone/`. */
  path: string;
  titleKey: MessageKey;
  icon?: ReactNode;
  /** Absent: anyone signed in who may see the zone. */
  access?: keyof Access;
  element: ReactNode;
  hideInMenu?: boolean;
}

export const zoneRoutes: AppRoute[] = [
  { path: 'overview', titleKey: 'nav.overview', icon: <DashboardOutlined />, access: 'canSeeDashboard', element: <Overview /> },
  {
    path: 'evaluation',
    titleKey: 'nav.evaluation',
    icon: <TrophyOutlined />,
    access: 'canSeeEvaluation',
    element: <EvaluationHome />,
  },
  {
    path: 'enterprises',
    titleKey: 'nav.enterprises',
    icon: <BankOutlined />,
    access: 'canSeeEnterprises',
    element: <EnterprisesHome />,
  },
  // No access key: a 企业用户 opens its own enterprise here (the server answers 404 for any other).
  { path: 'enterprises/:id', titleKey: 'nav.enterprises', element: <EnterpriseDetail />, hideInMenu: true },
  {
    path: 'cultivation',
    titleKey: 'nav.cultivation',
    icon: <RiseOutlined />,
    access: 'canSeeCultivation',
    element: <CultivationHome />,
  },
  {
    path: 'investment',
    titleKey: 'nav.investment',
    icon: <FundOutlined />,
    access: 'canSeeInvestment',
    element: <InvestmentHome />,
  },
  {
    path: 'investment/projects/:id',
    titleKey: 'nav.investment',
    access: 'canSeeInvestment',
    element: <InvestmentProject />,
    hideInMenu: true,
  },
  {
    path: 'scenarios',
    titleKey: 'nav.scenarios',
    icon: <AppstoreOutlined />,
    access: 'canSeeScenarios',
    element: <ScenariosHome />,
  },
  {
    path: 'scenarios/items/:id',
    titleKey: 'nav.scenarios',
    access: 'canSeeScenarios',
    element: <ScenarioItemDetail />,
    hideInMenu: true,
  },
  { path: 'ip', titleKey: 'nav.ip', icon: <SafetyCertificateOutlined />, access: 'canSeeIp', element: <IpHome /> },
  {
    path: 'approvals',
    titleKey: 'nav.approvals',
    icon: <FileProtectOutlined />,
    access: 'canSeeApprovals',
    element: <ApprovalsHome />,
  },
  {
    path: 'approvals/applications/:id',
    titleKey: 'nav.approvals',
    access: 'canSeeApprovals',
    element: <ApplicationDetail />,
    hideInMenu: true,
  },
  { path: 'audit', titleKey: 'nav.audit', icon: <AuditOutlined />, access: 'canSeeAudit', element: <Audit /> },
];

export function zonePath(zone: string, path: string): string {
  return `/z/${encodeURIComponent(zone)}/${path}`;
}

export function visibleRoutes(access: Access): AppRoute[] {
  return zoneRoutes.filter((r) => !r.hideInMenu && (!r.access || access[r.access]));
}
