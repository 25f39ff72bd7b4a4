// Only the pieces the dashboard draws are registered, so the rest of echarts is tree-shaken away.
import { BarChart, FunnelChart, LineChart, SunburstChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, FunnelChart, LineChart, SunburstChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export type { ECElementEvent, EChartsCoreOption } from 'echarts/core';
export { echarts };
