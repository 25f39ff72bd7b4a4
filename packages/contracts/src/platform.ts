import { z } from 'zod';

export const roles = ['sysadmin', 'zone_admin', 'staff', 'enterprise', 'evaluator'] as const;
export const role = z.enum(roles);
export type Role = z.infer<typeof role>;
/** 公众 (public) has no login and no role row; it is the anonymous caller. */
export const roleLabels: Record<Role | 'public', { zh: string; en: string }> = {
  sysadmin: { zh: '系统管理员', en: 'System administrator' },
  zone_admin: { zh: '经开区管理员', en: 'Zone administrator' },
  staff: { zh: '部门工作人员', en: 'Bureau staff' },
  enterprise: { zh: '企业用户', en: 'Enterprise user' },
  evaluator: { zh: '评价专家', en: 'Evaluator' },
  public: { zh: '公众', en: 'Public' },
};

export const bureaus = ['investment', 'industry', 'ip', 'development', 'science'] as const;
export const bureau = z.enum(bureaus);
export type Bureau = z.infer<typeof bureau>;
export const bureauLabels: Record<Bureau, { zh: string; en: string }> = {
  investment: { zh: '投资促进局', en: 'Investment Promotion Bureau' },
  industry: { zh: '经济和信息化局', en: 'Industry and IT Bureau' },
  ip: { zh: '知识产权局', en: 'IP Bureau' },
  development: { zh: '发展改革局', en: 'Development and Reform Bureau' },
  science: { zh: '科技局', en: 'Science and Technology Bureau' },
};

export const regions = ['east', 'central', 'west'] as const;
export const region = z.enum(regions);
export type Region = z.infer<typeof region>;
export const regionLabels: Record<Region, { zh: string; en: string }> = {
  east: { zh: '东部', en: 'East' },
  central: { zh: '中部', en: 'Central' },
  west: { zh: '西部', en: 'West' },
};

export const zoneSummary = z.object({
  code: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
  province: z.string(),
  provinceName: z.string(),
  region,
  synthetic: z.boolean(),
});
export type ZoneSummary = z.infer<typeof zoneSummary>;

export const membership = z.object({
  zone: zoneSummary,
  role,
  bureau: bureau.nullable(),
  enterpriseId: z.number().nullable(),
});
export type Membership = z.infer<typeof membership>;

export const me = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  /** Global role for 系统管理员 / 评价专家; zone roles come from memberships. */
  globalRole: role.nullable(),
  memberships: z.array(membership),
});
export type Me = z.infer<typeof me>;

export const loginRequest = z.object({
  username: z.string().trim().min(1, '请输入用户名').max(64),
  password: z.string().min(1, '请输入密码').max(256),
});
export type LoginRequest = z.infer<typeof loginRequest>;

export const loginResponse = z.object({ user: me, csrfToken: z.string() });
export type LoginResponse = z.infer<typeof loginResponse>;

export const health = z.object({ status: z.literal('ok'), db: z.enum(['pglite', 'postgres']), version: z.string() });

export const auditEntry = z.object({
  id: z.number(),
  at: z.string(),
  zone: z.string().nullable(),
  user: z.string().nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
});
export type AuditEntry = z.infer<typeof auditEntry>;

export const auditQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  action: z.string().max(32).optional(),
  entity: z.string().max(64).optional(),
  user: z.string().max(64).optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
});
export type AuditQuery = z.infer<typeof auditQuery>;

export const member = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  disabled: z.boolean(),
  role,
  bureau: bureau.nullable(),
  enterpriseId: z.number().nullable(),
});
export type Member = z.infer<typeof member>;

const zoneRole = z.enum(['zone_admin', 'staff', 'enterprise']);
export const createMember = z
  .object({
    username: z
      .string()
      .trim()
      .regex(/^[a-z0-9][a-z0-9._-]{2,31}$/, '用户名为3–32位小写字母、数字或 . _ -'),
    displayName: z.string().trim().min(1).max(64),
    password: z.string().min(8, '密码至少8位').max(256),
    role: zoneRole,
    bureau: bureau.nullable().default(null),
    enterpriseId: z.number().int().positive().nullable().default(null),
  })
  .refine((m) => m.role !== 'staff' || m.bureau, { message: '部门工作人员须指定所属部门', path: ['bureau'] })
  .refine((m) => m.role !== 'enterprise' || m.enterpriseId, { message: '企业用户须绑定一家企业', path: ['enterpriseId'] });
export type CreateMember = z.infer<typeof createMember>;

export const updateMember = z
  .object({
    displayName: z.string().trim().min(1).max(64).optional(),
    disabled: z.boolean().optional(),
    role: zoneRole.optional(),
    bureau: bureau.nullable().optional(),
  })
  .refine((p) => Object.keys(p).length > 0, { message: '没有要修改的字段' });
export type UpdateMember = z.infer<typeof updateMember>;
