import { z } from 'zod';

/** Every list endpoint pages the same way. */
export const pageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type PageQuery = z.infer<typeof pageQuery>;

export const pagination = z.object({ page: z.number(), pageSize: z.number(), total: z.number() });
export type Pagination = z.infer<typeof pagination>;

/** Response envelope: `data`, plus `pagination` for lists and `policies` (what the caller may do next). */
export function envelope<T extends z.ZodTypeAny>(data: T) {
  return z.object({ data, pagination: pagination.optional(), policies: z.record(z.string(), z.boolean()).optional() });
}

export const errorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    messageEn: z.string().optional(),
    issues: z
      .array(
        z.object({
          path: z.array(z.union([z.string(), z.number()])),
          message: z.string(),
          messageEn: z.string().optional(),
          row: z.number().optional(),
          column: z.string().optional(),
        }),
      )
      .optional(),
  }),
});
export type ErrorBody = z.infer<typeof errorBody>;

export const zoneParam = z.object({ zone: z.string().min(1).max(64) });
