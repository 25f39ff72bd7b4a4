import type { ZoneOverview } from '@kaifaqu/contracts';
import { Card, Col, Row, Statistic, Tooltip, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useLang, useT } from '../../../i18n/index.tsx';
import { formatNumber, headlineYear, moneyUnit } from './format.ts';
import type { DrillTarget } from './types.ts';

interface CardSpec {
  id: string;
  title: string;
  value: number;
  precision?: number;
  prefix?: string;
  suffix?: string;
  extra?: ReactNode;
  target: DrillTarget;
}

export function StatCards({ data, onDrill }: { data: ZoneOverview; onDrill: (t: DrillTarget) => void }) {
  const t = useT();
  const [lang] = useLang();
  const usd = moneyUnit(lang, 'usd');
  const cny = moneyUnit(lang, 'cny');
  const fdiYear = headlineYear(data.actualFdiUsdByYear, data.dataYear);
  const asi = data.aboveScaleIndustrial;
  const firms = t('overview.unitFirms') || undefined;

  const cards: CardSpec[] = [
    {
      id: 'foreignEnterprises',
      title: t('overview.foreignEnterprises'),
      value: data.foreignEnterprisesTotal,
      suffix: firms,
      target: { metric: 'foreignEnterprises', label: t('overview.foreignEnterprises') },
    },
    {
      id: 'fortune500Projects',
      title: t('overview.fortune500Projects'),
      value: data.fortune500Projects,
      suffix: t('overview.unitProjects') || undefined,
      target: { metric: 'fortune500Projects', label: t('overview.fortune500Projects') },
    },
    {
      id: 'actualFdi',
      title: t('overview.actualFdi', { year: fdiYear ?? '—' }),
      value: fdiYear ? data.actualFdiUsdByYear[fdiYear] / usd.divisor : 0,
      precision: 2,
      prefix: usd.prefix || undefined,
      suffix: usd.suffix,
      target: { metric: 'actualFdi', key: fdiYear, label: t('overview.actualFdi', { year: fdiYear ?? '—' }) },
    },
    {
      id: 'aboveScaleIndustrial',
      title: t('overview.aboveScale'),
      value: asi.enterprises,
      suffix: firms,
      extra: (
        <Typography.Text type="secondary" data-testid="coverage-line">
          {t('overview.aboveScaleCoverage', { divisions: asi.divisions, groups: asi.groups, classes: asi.classes })}
        </Typography.Text>
      ),
      target: { metric: 'aboveScaleIndustrial', label: t('overview.aboveScale') },
    },
    {
      id: 'industrialOutput',
      title: t('overview.industrialOutput'),
      value: asi.outputYuan / cny.divisor,
      precision: 2,
      prefix: cny.prefix || undefined,
      suffix: cny.suffix,
      target: { metric: 'aboveScaleIndustrial', label: t('overview.industrialOutput') },
    },
    {
      id: 'highTechEnterprises',
      title: t('overview.highTech'),
      value: data.highTechEnterprises,
      suffix: firms,
      target: { metric: 'highTechEnterprises', label: t('overview.highTech') },
    },
    {
      id: 'techSmes',
      title: t('overview.techSmes'),
      value: data.techSmes,
      suffix: firms,
      target: { metric: 'techSmes', label: t('overview.techSmes') },
    },
    {
      id: 'listedCompanies',
      title: t('overview.listed'),
      value: data.listedCompanies,
      suffix: firms,
      target: { metric: 'listedCompanies', label: t('overview.listed') },
    },
  ];

  return (
    <Row gutter={[16, 16]}>
      {cards.map((c) => (
        <Col key={c.id} xs={24} sm={12} xl={6}>
          <Tooltip title={t('common.clickForDetail')} mouseEnterDelay={0.6}>
            <Card
              hoverable
              data-testid={`card-${c.id}`}
              role="button"
              tabIndex={0}
              onClick={() => onDrill(c.target)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' || e.key === ' ') onDrill(c.target);
              }}
              style={{ height: '100%' }}
            >
              <Statistic
                title={c.title}
                value={c.value}
                precision={c.precision}
                prefix={c.prefix}
                suffix={c.suffix}
                formatter={(v) => formatNumber(Number(v), lang, c.precision ?? 0)}
              />
              {c.extra}
            </Card>
          </Tooltip>
        </Col>
      ))}
    </Row>
  );
}
