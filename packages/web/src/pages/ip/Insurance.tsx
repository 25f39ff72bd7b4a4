import { Button, Card, Col, Row, Statistic, Table, Tag } from 'antd';
import { useState } from 'react';
import { useCloseDialog } from './Cases.tsx';
import { ipUrl, useIp, useIpPage, useIpRole, wan, yi } from './hooks.ts';
import { POLICY_LABELS, useI } from './i18n.ts';

interface Policy {
  id: number;
  enterpriseName: string;
  type: string;
  insurer: string;
  coverYuan: number;
  premiumYuan: number;
  subsidySharePct: number;
  startDate: string;
  endDate: string;
  claimsCount: number;
  status: string;
}
interface Summary {
  refDate: string;
  coverInForceYuan: number;
  byType: { type: string; policies: number; firms: number; coverYuan: number; premiumYuan: number; subsidyYuan: number }[];
}

/** IP insurance: cover in force computed from policies; policies are closed, never deleted. */
export default function IpInsurance() {
  const { t, label } = useI();
  const { zone, writer, isEnterprise } = useIpRole();
  const [page, setPage] = useState(1);
  const summary = useIp<Summary>(['policySummary', zone], isEnterprise ? null : ipUrl(zone, 'policies/summary'));
  const list = useIpPage<Policy[]>(['policies', zone, page], ipUrl(zone, 'policies'), { page, pageSize: 10 });
  const close = useCloseDialog();
  return (
    <>
      <Tag color="orange" style={{ marginBottom: 12 }}>
        {t('demo')}
      </Tag>
      {!isEnterprise && (
        <Row gutter={12} style={{ marginBottom: 12 }}>
          <Col xs={24} md={8}>
            <Card size="small">
              <Statistic
                title={`${t('coverInForce')}（${summary.data?.refDate ?? ''}）`}
                value={yi(summary.data?.coverInForceYuan ?? 0)}
                suffix={t('yi')}
              />
            </Card>
          </Col>
          {(summary.data?.byType ?? []).map((b) => (
            <Col xs={12} md={8} key={b.type}>
              <Card size="small">
                <Statistic title={`${label(POLICY_LABELS, b.type)} · ${b.policies}`} value={yi(b.coverYuan)} suffix={t('yi')} />
              </Card>
            </Col>
          ))}
        </Row>
      )}
      <Card size="small" title={t('policies')}>
        <Table
          size="small"
          rowKey="id"
          loading={list.isLoading}
          dataSource={list.data?.data ?? []}
          locale={{ emptyText: t('empty') }}
          scroll={{ x: 900 }}
          pagination={{ current: page, pageSize: 10, total: list.data?.pagination?.total ?? 0, onChange: setPage, showSizeChanger: false }}
          columns={[
            { title: t('enterprise'), dataIndex: 'enterpriseName', ellipsis: true },
            { title: t('policyType'), dataIndex: 'type', render: (v: string) => label(POLICY_LABELS, v) },
            { title: t('insurer'), dataIndex: 'insurer' },
            { title: t('cover'), dataIndex: 'coverYuan', align: 'right', render: (v: number) => wan(v) },
            { title: t('premium'), dataIndex: 'premiumYuan', align: 'right', render: (v: number) => wan(v) },
            { title: t('subsidy'), dataIndex: 'subsidySharePct', align: 'right', render: (v: number) => `${v}%` },
            { title: t('period'), dataIndex: 'startDate', render: (v: string, r: Policy) => `${v} ~ ${r.endDate}` },
            { title: t('claims'), dataIndex: 'claimsCount', align: 'right' },
            {
              title: t('status'),
              dataIndex: 'status',
              render: (v: string, r: Policy) =>
                v === 'closed' ? (
                  <Tag>{t('closed')}</Tag>
                ) : writer ? (
                  <Button size="small" onClick={() => close.open(ipUrl(zone, `policies/${r.id}/close`))}>
                    {t('close')}
                  </Button>
                ) : (
                  <Tag color="green">{t('active')}</Tag>
                ),
            },
          ]}
        />
      </Card>
      {close.dialog}
    </>
  );
}
