import type { OverviewMetric } from '@kaifaqu/contracts';

/** What a click on a card or chart element asks the rows drawer to list. */
export interface DrillTarget {
  metric: OverviewMetric;
  key?: string;
  label: string;
}
