import { useEffect, useRef } from 'react';
import { type ECElementEvent, type EChartsCoreOption, echarts } from './echarts.ts';

interface ChartProps {
  option: EChartsCoreOption;
  height?: number;
  onClick?: (e: ECElementEvent) => void;
  ariaLabel?: string;
}

/** A thin ECharts host: one instance per mount, resized with its box, disposed on unmount. */
export function Chart({ option, height = 320, onClick, ariaLabel }: ChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  const chartRef = useRef<echarts.ECharts | null>(null);
  const clickRef = useRef(onClick);
  clickRef.current = onClick;

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const chart = echarts.init(el);
    chartRef.current = chart;
    // Read the handler through a ref so a new closure each render does not rebind listeners.
    chart.on('click', (e) => clickRef.current?.(e as ECElementEvent));
    const ro = new ResizeObserver(() => chart.resize());
    ro.observe(el);
    return () => {
      ro.disconnect();
      chart.dispose();
      chartRef.current = null;
    };
  }, []);

  useEffect(() => {
    chartRef.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={ref} role="img" aria-label={ariaLabel} style={{ width: '100%', height, cursor: onClick ? 'pointer' : undefined }} />;
}
