import { assessAll, explain, type Profile, tierOrder, validateProfile } from '@kaifaqu/core/cultivation';
import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, Col, Empty, Form, InputNumber, Row, Select, Space, Tabs, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { api } from '../../api/client.ts';
import { cvUrl, defaultRuleSet, useCv, useCvRole } from './hooks.ts';
import { tierLabels, useI } from './i18n.ts';
import { EligTag, TierPanel } from './TierPanel.tsx';

const series = ['revenue', 'mainRevenue', 'rdExpense', 'netProfit'] as const;
const numbers = [
  'totalAssets',
  'totalLiabilities',
  'staff',
  'rdStaff',
  'establishedYears',
  'yearsInNiche',
  'digitalLevel',
  'qualityItems',
  'specialtyScore',
  'equityFinancing2y',
  'equityFinancing3y',
  'nicheShareNational',
  'globalRank',
] as const;
const flags = ['isSme', 'ownBrand', 'managementCertified', 'violations3y', 'newProduct'] as const;
const honours = [
  'high-tech',
  'tech-innovation-demo',
  'ip-advantage',
  'ip-demonstration',
  'sti-award-3y',
  'provincial-rd-institution',
  'sti-award-national-top3',
  'chuangke-top50',
  'chuangke-top500',
  'provincial-award-top3',
  'national-award-top5',
];
const zhNames: Record<string, string> = {
  revenue: '营业收入（万元）',
  mainRevenue: '主营业务收入（万元）',
  rdExpense: '研发费用（万元）',
  netProfit: '净利润（万元）',
  totalAssets: '资产总额（万元）',
  totalLiabilities: '负债总额（万元）',
  staff: '从业人员（人）',
  rdStaff: '研发人员（人）',
  establishedYears: '成立年限（年）',
  yearsInNiche: '从事细分市场年限（年）',
  digitalLevel: '数字化水平等级（0–6）',
  qualityItems: '质量/品牌/标准项数',
  specialtyScore: '特色化得分（0–15）',
  equityFinancing2y: '近两年股权融资（万元）',
  equityFinancing3y: '近三年股权融资（万元）',
  nicheShareNational: '细分市场全国占有率（%）',
  globalRank: '全球市场占有率排名',
  isSme: '属于中小企业',
  ownBrand: '拥有自主品牌',
  managementCertified: '通过管理体系认证',
  violations3y: '近三年有重大违法违规',
  newProduct: '新产品（单项冠军）',
  field: '主导产品所属领域',
  rdInstitution: '研发机构级别',
  honours: '荣誉与资质',
  ip: '知识产权（件）：I类高价值 / 自主研发I类 / I类 / II类',
};

interface Init {
  profile: Profile;
  dataYear: number;
  name: string | null;
}

/** 企业自评: the firm's own figures, scored live in the browser with the same engine as the server. */
export default function SelfAssess({ enterpriseId }: { enterpriseId: number | null }) {
  const { t, label, lang } = useI();
  const { zone } = useCvRole();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const init = useCv<Init>(['assessment', enterpriseId], enterpriseId ? cvUrl(zone, `enterprises/${enterpriseId}/assessment`) : null);
  const [profile, setProfile] = useState<Profile | null>(null);
  useEffect(() => {
    if (init.data) {
      const { id: _i, name: _n, recognized: _r, ...p } = init.data.profile;
      form.setFieldsValue(p);
      setProfile(init.data.profile);
    }
  }, [init.data, form]);
  const onChange = () => {
    const v = form.getFieldsValue(true) as Profile;
    setProfile({ ...v, recognized: init.data?.profile.recognized, dataYear: init.data?.dataYear });
  };
  const check = useMemo(() => (profile ? validateProfile(profile) : null), [profile]);
  const result = useMemo(() => {
    if (!profile || !check?.ok) return null;
    const a = assessAll(profile, defaultRuleSet);
    return { a, x: Object.fromEntries(tierOrder.map((k) => [k, explain(profile, defaultRuleSet, k)])) };
  }, [profile, check]);
  const save = useMutation({
    mutationFn: () => {
      const { recognized: _r, dataYear: _d, ...p } = profile ?? {};
      return api(cvUrl(zone, `enterprises/${enterpriseId}/profile`), { method: 'PUT', body: { year: init.data?.dataYear, profile: p } });
    },
    onSuccess: () => message.success(t('saved')),
    onError: (e: Error) => message.error(e.message),
  });
  if (!enterpriseId) return <Empty description={t('pickEnterprise')} />;
  const name = (k: string) => (lang === 'en' ? k : (zhNames[k] ?? k));
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={11}>
        <Card size="small" title={`${init.data?.name ?? ''} · ${t('year')} ${init.data?.dataYear ?? ''}`}>
          <Typography.Paragraph type="secondary">{t('selfIntro')}</Typography.Paragraph>
          <Form form={form} layout="vertical" size="small" onValuesChange={onChange}>
            {series.map((k) => (
              <Form.Item key={k} label={`${name(k)} — ${t('years3')}`} style={{ marginBottom: 8 }}>
                <Space.Compact>
                  {[0, 1, 2].map((i) => (
                    <Form.Item key={i} name={[k, i]} noStyle>
                      <InputNumber style={{ width: 120 }} />
                    </Form.Item>
                  ))}
                </Space.Compact>
              </Form.Item>
            ))}
            <Form.Item label={name('ip')} style={{ marginBottom: 8 }}>
              <Space.Compact>
                {['class1HighValue', 'class1SelfDeveloped', 'class1', 'class2'].map((k) => (
                  <Form.Item key={k} name={['ip', k]} noStyle>
                    <InputNumber min={0} style={{ width: 90 }} />
                  </Form.Item>
                ))}
              </Space.Compact>
            </Form.Item>
            <Row gutter={8}>
              {numbers.map((k) => (
                <Col span={12} key={k}>
                  <Form.Item name={k} label={name(k)} style={{ marginBottom: 8 }}>
                    <InputNumber style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
              ))}
              <Col span={12}>
                <Form.Item name="field" label={name('field')} style={{ marginBottom: 8 }}>
                  <Select
                    options={[
                      { value: 'strategic', label: '战略性新兴产业 / strategic' },
                      { value: 'key', label: '制造强国重点领域 / key' },
                      { value: 'other', label: '其他 / other' },
                    ]}
                  />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item name="rdInstitution" label={name('rdInstitution')} style={{ marginBottom: 8 }}>
                  <Select
                    options={[
                      { value: 'national', label: '国家级' },
                      { value: 'provincial', label: '省级' },
                      { value: 'municipal', label: '市级' },
                      { value: 'below', label: '市级以下' },
                      { value: 'none', label: '无' },
                    ]}
                  />
                </Form.Item>
              </Col>
            </Row>
            <Form.Item name="honours" label={name('honours')} style={{ marginBottom: 8 }}>
              <Select mode="multiple" options={honours.map((h) => ({ value: h, label: h }))} />
            </Form.Item>
            <Space wrap>
              {flags.map((k) => (
                <Form.Item key={k} name={k} valuePropName="checked" noStyle>
                  <Checkbox>{name(k)}</Checkbox>
                </Form.Item>
              ))}
            </Space>
          </Form>
          <div style={{ marginTop: 12 }}>
            <Button type="primary" disabled={!check?.ok} loading={save.isPending} onClick={() => save.mutate()}>
              {t('save')}
            </Button>
          </div>
        </Card>
      </Col>
      <Col xs={24} xl={13}>
        <Card size="small" title={t('scoreLive')}>
          {check && !check.ok && (
            <Alert
              type="error"
              showIcon
              message={t('invalid')}
              description={
                <ul style={{ margin: 0 }}>
                  {check.issues.map((i) => (
                    <li key={i.path.join('.')}>{lang === 'en' ? i.messageEn : i.message}</li>
                  ))}
                </ul>
              }
            />
          )}
          {result && (
            <Tabs
              items={tierOrder.map((k) => ({
                key: k,
                label: (
                  <span>
                    {label(tierLabels, k)} <EligTag e={result.a.tiers[k]?.eligible} />
                  </span>
                ),
                children: <TierPanel tier={k} x={result.x[k]} />,
              }))}
            />
          )}
        </Card>
      </Col>
    </Row>
  );
}
