/** Typed model of an evaluation input: the iMeta framework and the iData table (COINr's shapes). */

export type MetaType = 'Indicator' | 'Aggregate' | 'Group' | 'Denominator' | 'Other';

export interface MetaRow {
  iCode: string;
  iName: string;
  type: MetaType;
  /** 1 = indicator, higher = aggregates; undefined for Group/Denominator/Other. */
  level?: number;
  parent?: string;
  direction: 1 | -1;
  weight: number;
  denominator?: string;
  unit?: string;
  target?: number;
  /** 1-based CSV line of the row, kept so later errors can point at the file. */
  line?: number;
}

export interface Meta {
  rows: MetaRow[];
  byCode: Record<string, MetaRow>;
  /** Level-1 indicator codes in metadata order. */
  indicators: string[];
  /** Aggregate codes per level: levels[0] is level 2, and so on up to the index. */
  aggregateLevels: string[][];
  /** Children of every aggregate, in metadata order. */
  children: Record<string, string[]>;
  maxLevel: number;
  groups: string[];
  denominators: string[];
}

/** Column-major numeric data: NaN is a missing value. Units are in row order. */
export interface Dataset {
  units: string[];
  values: Record<string, Float64Array>;
}

export interface Unit {
  uCode: string;
  uName: string;
  time?: string;
}

export interface InputData {
  units: Unit[];
  /** Group column values per unit (strings; '' when empty). */
  groups: Record<string, string[]>;
  /** Indicators and denominators (NaN = missing). */
  values: Record<string, Float64Array>;
}

export interface EvaluationInput {
  data: InputData;
  meta: Meta;
}

export const isMissing = (x: number): boolean => Number.isNaN(x);
