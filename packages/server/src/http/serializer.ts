import fastJson from 'fast-json-stringify';
import { serializerCompiler as zodSerializerCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';

type CompilerInput = Parameters<typeof zodSerializerCompiler>[0];

/**
 * Response serialiser compiled from the route's zod schema: zod → JSON Schema → fast-json-stringify. Like zod's, it
 * writes only the declared properties (nothing a handler adds by mistake leaves the server), but without building
 * a parsed copy of the answer first: the 60 kB coverage tree took 1.2 ms through zod and 0.25 ms to stringify.
 * A schema JSON Schema cannot express (transforms, custom checks) keeps the zod serialiser.
 */
export function compiledSerializer(input: CompilerInput): (data: unknown) => string {
  const schema = input.schema instanceof z.ZodType ? input.schema : undefined;
  if (!schema) return zodSerializerCompiler(input);
  try {
    const json = z.toJSONSchema(schema, { io: 'output', unrepresentable: 'throw', target: 'draft-7' }) as Record<string, unknown>;
    delete json.$schema;
    return fastJson(nullableAsTypeList(json) as unknown as Parameters<typeof fastJson>[0]);
  } catch {
    return zodSerializerCompiler(input);
  }
}

const PRIMITIVE = new Set(['string', 'number', 'integer', 'boolean']);

/**
 * zod writes a nullable integer or enum as `anyOf: [{ type: 'integer', … }, { type: 'null' }]`, which
 * fast-json-stringify serialises by validating each value against the branches (a fifth of a project page's
 * serialisation); `type: ['integer', 'null']` is written directly. Same output: the value is an integer or null
 * either way (bounds and enums are not checked on the way out).
 */
export function nullableAsTypeList(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(nullableAsTypeList);
  if (!node || typeof node !== 'object') return node;
  const o = Object.fromEntries(Object.entries(node).map(([k, v]) => [k, nullableAsTypeList(v)])) as Record<string, unknown>;
  const any = o.anyOf as Record<string, unknown>[] | undefined;
  if (Array.isArray(any) && any.length === 2 && Object.keys(o).length === 1) {
    const nul = any.findIndex((b) => b.type === 'null' && Object.keys(b).length === 1);
    const other = any[1 - nul];
    if (nul >= 0 && typeof other?.type === 'string' && PRIMITIVE.has(other.type) && !other.format) return { type: [other.type, 'null'] };
  }
  return o;
}
