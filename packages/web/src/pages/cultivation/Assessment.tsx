import type { Explanation } from '@kaifaqu/core/cultivation';
import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, Empty, InputNumber, Space, Tabs, Tag, Typography } from 'antd';
import { api } from '../../api/client.ts';
import { cvUrl, useCv, useCvRole } from './hooks.ts';
import { tierLabels, useI } from './i18n.ts';
import { EligTag, TierPanel } from './TierPanel.tsx';

interface Data {
  enterpriseId: number;
  name: string | null;
  synthetic: boolean;
  hasProfile: boolean;
  ipFromRegister: boolean;
  ruleSet: { id: string; version: string };
  dataYear: number;
  tiers: Record<string, Explanation>;
}

/** Enterprise detail: every tier explained, with the gap to pass. */
export default function Assessment({ enterpriseId, onPick }: { enterpriseId: number | null; onPick: (id: number) => void }) {
  const { t, label } = useI();
  const { zone, writer } = useCvRole();
  const { message } = App.useApp();
  const q = useCv<Data>(['assessment', enterpriseId], enterpriseId ? cvUrl(zone, `enterprises/${enterpriseId}/assessment`) : null);
  const save = useMutation({
    mutationFn: () => api(cvUrl(zone, `enterprises/${enterpriseId}/assessments`), { method: 'POST', body: {} }),
    onSuccess: () => message.success(t('saved')),
  });
  const d = q.data;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <span>{t('enterpriseId')}</span>
        <InputNumber min={1} value={enterpriseId ?? undefined} onPressEnter={(e) => onPick(Number((e.target as HTMLInputElement).value))} />
        {d && (
          <Typography.Text strong>
            {d.name} {d.synthetic && <Tag color="orange">{t('demo')}</Tag>}
          </Typography.Text>
        )}
        {d && (
          <Typography.Text type="secondary">
            {t('ruleSet')} {d.ruleSet.id} v{d.ruleSet.version} · {t('year')} {d.dataYear}
          </Typography.Text>
        )}
        {d && writer && (
          <Button size="small" loading={save.isPending} onClick={() => save.mutate()}>
            {t('saveAssessment')}
          </Button>
        )}
      </Space>
      {!enterpriseId && <Empty description={t('pickEnterprise')} />}
      {q.error && <Alert type="error" message={(q.error as Error).message} />}
      {d && !d.hasProfile && <Alert type="warning" showIcon message={t('noProfile')} />}
      {d?.ipFromRegister && <Typography.Text type="secondary">{t('ipFromRegister')}</Typography.Text>}
      {d && (
        <Tabs
          items={Object.entries(d.tiers).map(([k, x]) => ({
            key: k,
            label: (
              <span>
                {label(tierLabels, k)} <EligTag e={x.result.eligible} />
              </span>
            ),
            children: <TierPanel tier={k} x={x} />,
          }))}
        />
      )}
    </Space>
  );
}
