import { MapChart } from 'echarts/charts';
import { VisualMapComponent } from 'echarts/components';
import type { FeatureCollection, Geometry, Position } from 'geojson';
import countries from 'i18n-iso-countries';
import { useEffect, useMemo, useState } from 'react';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { Chart } from './Chart.tsx';
import { echarts } from './echarts.ts';

echarts.use([MapChart, VisualMapComponent]);

export interface WorldMapDatum {
  /** ISO 3166-1 alpha-2. */
  code: string;
  value: number;
  /** Label shown in the tooltip (e.g. the Chinese country name). */
  name: string;
}

let registered: Promise<void> | undefined;

/** Registers Natural Earth 1:110m countries (npm world-atlas, shipped offline), keyed by ISO alpha-2. */
function registerWorld(): Promise<void> {
  registered ??= import('world-atlas/countries-110m.json').then((m) => {
    const topo = (m.default ?? m) as unknown as Topology<{ countries: GeometryCollection<{ name: string }> }>;
    const fc = feature(topo, topo.objects.countries) as FeatureCollection;
    // Antarctica adds nothing here; rings crossing the antimeridian (Russia, Fiji) would draw lines across the map.
    fc.features = fc.features.filter((f) => f.id !== '010');
    for (const f of fc.features) unwrapAntimeridian(f.geometry);
    for (const f of fc.features) {
      const a2 = countries.numericToAlpha2(String(f.id ?? '').padStart(3, '0'));
      (f.properties as { name: string }).name = a2 ?? `n${f.id}`;
    }
    echarts.registerMap('world', fc as never);
  });
  return registered;
}

function unwrapAntimeridian(g: Geometry) {
  const polygons: Position[][][] = g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : [];
  for (const poly of polygons)
    for (const ring of poly)
      if (ring.some((p) => p[0] < -170) && ring.some((p) => p[0] > 170)) for (const p of ring) if (p[0] < 0) p[0] += 360;
}

/** A choropleth world map; countries without data stay grey. */
export function WorldMap({
  data,
  height = 360,
  unit,
  ariaLabel,
}: {
  data: WorldMapDatum[];
  height?: number;
  unit?: string;
  ariaLabel?: string;
}) {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    let live = true;
    registerWorld().then(() => live && setReady(true));
    return () => {
      live = false;
    };
  }, []);
  const option = useMemo(() => {
    const byCode = new Map(data.map((d) => [d.code, d]));
    const max = Math.max(1, ...data.map((d) => d.value));
    return {
      tooltip: {
        trigger: 'item',
        formatter: (p: { name: string; value: number }) => {
          const d = byCode.get(p.name);
          return d ? `${d.name}: ${d.value.toLocaleString()}${unit ?? ''}` : '';
        },
      },
      visualMap: { min: 0, max, left: 8, bottom: 8, calculable: true, inRange: { color: ['#d6e4ff', '#1d39c4'] }, itemHeight: 100 },
      series: [
        {
          type: 'map',
          map: 'world',
          roam: true,
          emphasis: { label: { show: false } },
          itemStyle: { areaColor: '#f0f0f0', borderColor: '#bfbfbf', borderWidth: 0.5 },
          data: data.map((d) => ({ name: d.code, value: d.value })),
        },
      ],
    };
  }, [data, unit]);
  if (!ready) return <div style={{ height }} />;
  return <Chart option={option} height={height} ariaLabel={ariaLabel} />;
}
