import { z } from 'zod';
import { pageQuery } from './common.ts';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期应为YYYY-MM-DD格式');

/** A year's calendar as the 系统管理员 enters it (validated again in core: real dates, inside the year, no clash). */
export const calendarOverrideInput = z.object({
  holidays: z.array(isoDate).max(400).default([]),
  workdays: z.array(isoDate).max(400).default([]),
  note: z.string().max(500).nullable().optional(),
});
export type CalendarOverrideInput = z.infer<typeof calendarOverrideInput>;

export const calendarCalcQuery = z.object({
  date: isoDate,
  n: z.coerce.number().int().min(-100_000).max(100_000),
});

export const itemStates = ['submitted', 'accepted', 'reviewing', 'correction', 'approved', 'refused'] as const;
export const itemActions = ['accept', 'review', 'correct', 'resume', 'approve', 'refuse'] as const;

export const applicationsQuery = pageQuery.extend({ q: z.string().max(100).optional() });

export const createApplication = z.object({
  /** Ignored for enterprise users (their own enterprise is used). */
  enterpriseId: z.coerce.number().int().positive().optional(),
  projectName: z.string().trim().min(2, '项目名称至少2个字').max(200),
  landParcel: z.string().trim().max(100).nullable().optional(),
  investmentYuan: z.number().int().nonnegative().nullable().optional(),
  submittedOn: isoDate.optional(),
  itemTypeIds: z.array(z.number().int().positive()).min(1, '至少选择一个审批事项').max(20),
});
export type CreateApplication = z.infer<typeof createApplication>;

export const itemTransitionInput = z.object({
  action: z.enum(itemActions),
  on: isoDate.optional(),
  note: z.string().max(1000).optional(),
});
export type ItemTransitionInput = z.infer<typeof itemTransitionInput>;

export const itemTypePatch = z.object({
  name: z.string().trim().min(1).max(100).optional(),
  nameEn: z.string().max(200).nullable().optional(),
  legalDays: z.number().int().min(1, '法定时限至少1个工作日').max(365).optional(),
  department: z.string().trim().min(1).max(100).optional(),
});

export const itemTypeInput = z.object({
  code: z.string().regex(/^[a-z][a-z0-9_]{1,40}$/, '代码应为小写字母、数字和下划线'),
  name: z.string().trim().min(1).max(100),
  nameEn: z.string().max(200).nullable().optional(),
  legalDays: z.number().int().min(1, '法定时限至少1个工作日').max(365),
  department: z.string().trim().min(1).max(100),
});

export const asOfQuery = z.object({ asOf: isoDate.optional() });

export const outboundQuery = pageQuery.extend({
  sinceYear: z.coerce.number().int().min(1990).max(2100).default(2019),
  country: z.string().length(2).optional(),
  year: z.coerce.number().int().optional(),
});

export const bookingsQuery = z.object({
  instrumentId: z.coerce.number().int().positive().optional(),
  from: z.string().datetime({ offset: true }).or(isoDate),
  to: z.string().datetime({ offset: true }).or(isoDate),
});

export const bookingInput = z.object({
  instrumentId: z.number().int().positive(),
  /** Ignored for enterprise users. */
  enterpriseId: z.number().int().positive().nullable().optional(),
  startsAt: z.string().datetime({ offset: true }),
  endsAt: z.string().datetime({ offset: true }),
  purpose: z.string().max(500).nullable().optional(),
});
export type BookingInput = z.infer<typeof bookingInput>;

export const measuresQuery = pageQuery.extend({
  round: z.coerce.number().int().min(1).optional(),
  department: z.string().max(100).optional(),
  status: z.enum(['planned', 'in_progress', 'done']).optional(),
});

export const measurePatch = z.object({
  status: z.enum(['planned', 'in_progress', 'done']).optional(),
  evidence: z.string().max(2000).nullable().optional(),
  department: z.string().trim().min(1).max(100).optional(),
});
