import { z } from 'zod';
import { ValidationError } from '../shared/index.ts';

const impute = z.object({
  method: z.enum(['none', 'indicator-mean', 'indicator-median', 'group-mean', 'group-median']),
  /** Group column for group methods; default: the first Group column of the metadata. */
  group: z.string().optional(),
});

const screen = z.object({
  threshold: z.number().min(0).max(1),
  nonZeroThreshold: z.number().min(0).max(1).optional(),
  /** Where screening stands: on the imputed data (default, drops units whose gaps could not be filled) or before imputation. */
  position: z.enum(['after-impute', 'before-impute']).default('after-impute'),
});

const treat = z.object({
  skew: z.number().positive().default(2),
  kurtosis: z.number().default(3.5),
  maxWinsor: z.number().int().min(0).default(5),
  fallback: z.enum(['log', 'none']).default('log'),
});

const normalise = z.discriminatedUnion('method', [
  z.object({ method: z.literal('minmax'), min: z.number().default(0), max: z.number().default(100) }),
  z.object({ method: z.literal('zscore'), mean: z.number().default(0), sd: z.number().positive().default(1) }),
  z.object({ method: z.literal('rank') }),
  z.object({
    method: z.literal('goalposts'),
    goalposts: z.record(z.string(), z.object({ min: z.number(), max: z.number() })).optional(),
    scale: z.number().positive().default(100),
  }),
  z.object({ method: z.literal('efficacy') }),
]);

const weights = z.discriminatedUnion('method', [
  z.object({ method: z.literal('metadata') }),
  z.object({ method: z.literal('equal') }),
  z.object({ method: z.literal('entropy') }),
  z.object({ method: z.literal('pca') }),
  z.object({ method: z.literal('ahp'), matrices: z.record(z.string(), z.array(z.array(z.number().positive()))) }),
  z.object({ method: z.literal('custom'), weights: z.record(z.string(), z.number().min(0)) }),
]);

const aggMethod = z.enum(['arithmetic', 'geometric', 'harmonic', 'copeland']);

/** A pipeline as data: each named step with its parameters; `null`/`false` switches an optional step off. */
export const pipelineSchema = z.object({
  name: z.string().default('custom'),
  description: z.string().optional(),
  denominate: z.boolean().default(true),
  impute: impute.default({ method: 'group-mean' }),
  screen: screen.nullable().default({ threshold: 0.9, position: 'after-impute' }),
  treat: z.union([treat, z.literal(false)]).default({ skew: 2, kurtosis: 3.5, maxWinsor: 5, fallback: 'log' }),
  normalise: normalise.default({ method: 'minmax', min: 0, max: 100 }),
  weights: weights.default({ method: 'metadata' }),
  aggregate: z.object({ method: z.union([aggMethod, z.array(aggMethod).min(1)]) }).default({ method: 'arithmetic' }),
  /** Group columns to rank within (e.g. region); default: every Group column. */
  rankWithin: z.array(z.string()).optional(),
});

export type PipelineSpec = z.output<typeof pipelineSchema>;
export type PipelineSpecInput = z.input<typeof pipelineSchema>;

/** Validates a pipeline spec (already parsed JSON); every problem is reported with its path. */
export function parsePipeline(value: unknown, fileName = 'pipeline'): PipelineSpec {
  const r = pipelineSchema.safeParse(value ?? {});
  if (r.success) return r.data;
  throw new ValidationError(
    r.error.issues.map((i) => ({
      path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
      file: fileName,
      column: i.path.join('.'),
      message: `流程配置错误：${i.message}`,
      messageEn: `invalid pipeline: ${i.message}`,
    })),
  );
}

/** Parses pipeline JSON text (CLI files, stored presets). */
export function parsePipelineJson(text: string, fileName = 'pipeline.json'): PipelineSpec {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new ValidationError([
      {
        path: [fileName],
        file: fileName,
        message: `JSON 格式错误：${(err as Error).message}`,
        messageEn: `malformed JSON: ${(err as Error).message}`,
      },
    ]);
  }
  return parsePipeline(value, fileName);
}

/** Monte-Carlo alternatives as data (CLI --alternatives file, server requests); every list needs at least one entry. */
export const uncertaintySchema = z.object({
  runs: z.number().int().min(1).max(1_000_000).optional(),
  seed: z.number().int().optional(),
  impute: z.array(impute).min(1).optional(),
  treat: z
    .array(z.union([treat.partial(), z.literal(false)]))
    .min(1)
    .optional(),
  normalise: z.array(normalise).min(1).optional(),
  aggregate: z.array(aggMethod).min(1).optional(),
  weightNoise: z.number().min(0).max(1).optional(),
});

export type UncertaintySpec = z.output<typeof uncertaintySchema>;

/** Parses Monte-Carlo alternatives JSON text, reporting every problem with its path. */
export function parseUncertaintyJson(text: string, fileName = 'alternatives.json'): UncertaintySpec {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new ValidationError([
      {
        path: [fileName],
        file: fileName,
        message: `JSON 格式错误：${(err as Error).message}`,
        messageEn: `malformed JSON: ${(err as Error).message}`,
      },
    ]);
  }
  const r = uncertaintySchema.safeParse(value);
  if (r.success) return r.data;
  throw new ValidationError(
    r.error.issues.map((i) => ({
      path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
      file: fileName,
      column: i.path.join('.'),
      message: `不确定性分析配置错误：${i.message}`,
      messageEn: `invalid alternatives: ${i.message}`,
    })),
  );
}
