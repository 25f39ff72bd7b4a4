import { ValidationError } from '../shared/index.ts';
import { buildMeta } from './parse.ts';
import coinrDefault from './presets/coinr-default.json' with { type: 'json' };
import mofcom2021 from './presets/mofcom-2021.json' with { type: 'json' };
import { type PipelineSpec, parsePipeline } from './spec.ts';
import type { Meta, MetaRow, MetaType } from './types.ts';

export interface Preset {
  name: string;
  pipeline: PipelineSpec;
  /** A framework shipped with the preset (mofcom-2021); coinr-default uses the user's metadata. */
  meta?: Meta;
  /** Set when part of the preset is an assumption rather than a published method. */
  assumption?: string;
}

interface PresetMetaRow {
  iCode: string;
  iName: string;
  Type: string;
  Level?: number;
  Parent?: string;
  Direction?: number;
  Weight?: number;
  Unit?: string;
}

function metaFromRows(rows: PresetMetaRow[]): Meta {
  return buildMeta(
    rows.map(
      (r): MetaRow => ({
        iCode: r.iCode,
        iName: r.iName,
        type: r.Type as MetaType,
        level: r.Level,
        parent: r.Parent,
        direction: (r.Direction ?? 1) as 1 | -1,
        weight: r.Weight ?? 1,
        unit: r.Unit,
      }),
    ),
  );
}

export const presetNames = ['coinr-default', 'mofcom-2021'] as const;

/** Presets shipped as data files in ./presets (JSON), validated like any user pipeline. */
export function getPreset(name: string): Preset {
  if (name === 'coinr-default') return { name, pipeline: parsePipeline(coinrDefault, 'coinr-default.json') };
  if (name === 'mofcom-2021') {
    return {
      name,
      pipeline: parsePipeline(mofcom2021.pipeline, 'mofcom-2021.json'),
      meta: metaFromRows(mofcom2021.meta as PresetMetaRow[]),
      assumption: mofcom2021.assumption,
    };
  }
  throw new ValidationError([
    {
      path: ['preset'],
      message: `未知预设 ${name}（可选：${presetNames.join(', ')}）`,
      messageEn: `unknown preset ${name} (one of ${presetNames.join(', ')})`,
    },
  ]);
}

/** The preset's framework as an iMeta CSV, as a template for data collection. */
export function presetMetaCsv(name: string): string {
  const p = getPreset(name);
  if (!p.meta) return '';
  const q = (s: string | number | undefined) => (s === undefined ? '' : `"${String(s).replace(/"/g, '""')}"`);
  const lines = ['Level,iCode,iName,Direction,Weight,Unit,Target,Denominator,Parent,Type'];
  for (const r of p.meta.rows) {
    const structural = r.type === 'Indicator' || r.type === 'Aggregate';
    lines.push(
      [
        r.level,
        q(r.iCode),
        q(r.iName),
        structural ? r.direction : '',
        structural ? r.weight : '',
        q(r.unit),
        r.target ?? '',
        q(r.denominator),
        q(r.parent),
        q(r.type),
      ].join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}
