import { Card, Tabs } from 'antd';
import { useSearchParams } from 'react-router-dom';
import EnterpriseList from './EnterpriseList.tsx';
import ImportWizard from './ImportWizard.tsx';
import { useI } from './i18n.ts';
import Structure from './Structure.tsx';

/** 企业库: registry list/search/export, spreadsheet import wizard, industry structure. */
export default function EnterprisesHome() {
  const { t } = useI();
  const [params, setParams] = useSearchParams();
  const items = [
    { key: 'list', label: t('tabList'), children: <EnterpriseList /> },
    { key: 'import', label: t('tabImport'), children: <ImportWizard /> },
    { key: 'structure', label: t('tabStructure'), children: <Structure /> },
  ];
  const active = items.some((i) => i.key === params.get('tab')) ? params.get('tab')! : 'list';
  return (
    <Card title={t('title')}>
      <Tabs activeKey={active} onChange={(k) => setParams({ tab: k }, { replace: true })} items={items} destroyOnHidden />
    </Card>
  );
}
