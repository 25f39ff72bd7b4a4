import { coverageNode, envelope, listedEnterprise, projectListItem, zoneOverview } from '@kaifaqu/contracts';
import { serializerCompiler as zodSerializerCompiler } from 'fastify-type-provider-zod';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { compiledSerializer, nullableAsTypeList } from './serializer.ts';

const compile = (schema: z.ZodType) => compiledSerializer({ schema, method: 'GET', url: '/t', httpStatus: '200' } as never);
const viaZod = (schema: z.ZodType) => zodSerializerCompiler({ schema, method: 'GET', url: '/t', httpStatus: '200' } as never);

describe('compiled response serialiser', () => {
  const shape = envelope(
    z.array(
      z.object({
        id: z.number().int(),
        name: z.string(),
        note: z.string().nullable(),
        tags: z.array(z.string()),
        kind: z.enum(['need', 'capability']),
        extra: z.string().optional(),
        scores: z.record(z.string(), z.number().nullable()),
        nested: z.object({ a: z.boolean(), b: z.number().nullable() }).nullable(),
        amount: z.number().int().nullable(),
        state: z.enum(['draft', 'published']).nullable(),
      }),
    ),
  );

  it('writes the same JSON as the zod serialiser, declared properties only', () => {
    const data = {
      data: [
        {
          id: 1,
          name: '广州开发区 "甲"\n',
          note: null,
          tags: ['a', '乙'],
          kind: 'need',
          scores: { x: 1.5, y: null },
          nested: { a: true, b: null },
          amount: 120_000_000,
          state: null,
          secret: 'x',
        },
        {
          id: 2,
          name: '',
          note: 'n',
          tags: [],
          kind: 'capability',
          extra: 'e',
          scores: {},
          nested: null,
          amount: null,
          state: 'draft',
          passwordHash: 'h',
        },
      ],
      pagination: { page: 1, pageSize: 20, total: 2 },
      internal: { token: 't' },
    };
    const out = compile(shape)(data);
    expect(JSON.parse(out)).toEqual(JSON.parse(viaZod(shape)(data)));
    expect(out).not.toContain('secret');
    expect(out).not.toContain('passwordHash');
    expect(out).not.toContain('token');
  });

  it('refuses a missing required property, as zod does', () => {
    expect(() => compile(shape)({ data: [{ id: 1 }] })).toThrow();
  });

  it('keeps the zod serialiser for a schema JSON Schema cannot express', () => {
    const withDate = z.object({ at: z.date() });
    expect(() => z.toJSONSchema(withDate, { io: 'output', unrepresentable: 'throw' })).toThrow();
    const value = { at: new Date(Date.UTC(2026, 0, 2)) };
    expect(compile(withDate)(value)).toBe(viaZod(withDate)(value));
  });

  it('compiles the app’s large response schemas', () => {
    for (const s of [
      envelope(z.array(coverageNode)),
      envelope(z.array(listedEnterprise)),
      envelope(zoneOverview),
      envelope(z.array(projectListItem)),
    ]) {
      expect(() => z.toJSONSchema(s, { io: 'output', unrepresentable: 'throw', target: 'draft-7' })).not.toThrow();
    }
  });

  it('writes a nullable integer or enum as a type list, leaving other unions alone', () => {
    const json = z.toJSONSchema(
      z.object({ n: z.number().int().nullable(), e: z.enum(['a']).nullable(), u: z.union([z.string(), z.number()]) }),
      {
        io: 'output',
        target: 'draft-7',
      },
    ) as { properties: Record<string, unknown> };
    expect(json.properties.n).toHaveProperty('anyOf');
    const out = nullableAsTypeList(json) as { properties: Record<string, unknown> };
    expect(out.properties.n).toEqual({ type: ['integer', 'null'] });
    expect(out.properties.e).toEqual({ type: ['string', 'null'] });
    expect(out.properties.u).toEqual(json.properties.u);
  });
});
