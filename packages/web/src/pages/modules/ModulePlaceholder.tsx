import { Card, Tag, Typography } from 'antd';
import { useT } from '../../i18n/index.tsx';

export type ModuleName = 'evaluation' | 'enterprises' | 'cultivation' | 'investment' | 'scenarios' | 'ip' | 'approvals';

/** Stand-in for a module that is still being built: says in one paragraph what it will do. */
export default function ModulePlaceholder({ module }: { module: ModuleName }) {
  const t = useT();
  return (
    <Card
      title={t(`nav.${module}`)}
      extra={<Tag color="blue">{t('module.comingSoon')}</Tag>}
      style={{ maxWidth: 880 }}
      data-testid={`module-${module}`}
    >
      <Typography.Paragraph style={{ marginBottom: 0, fontSize: 15, lineHeight: 1.8 }}>{t(`module.${module}.body`)}</Typography.Paragraph>
    </Card>
  );
}
