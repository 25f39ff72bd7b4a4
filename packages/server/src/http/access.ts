import type { Role } from '@kaifaqu/contracts';

/**
 * Every API route declares who may call it; the server refuses to boot with a route that does not.
 * - `public`: anyone, no login (公众)
 * - `authenticated`: any logged-in user
 * - `{ zone: roles }`: a member of the `:zone` in the URL holding one of the roles (系统管理员 always passes);
 *   non-members get 404, so zone existence does not leak
 * - `{ global: roles }`: users whose global role is listed (系统管理员 always passes)
 */
export type Access = 'public' | 'authenticated' | { zone: readonly Role[] } | { global: readonly Role[] };

export const ZONE_ALL: readonly Role[] = ['zone_admin', 'staff', 'enterprise', 'evaluator'];
export const ZONE_STAFF: readonly Role[] = ['zone_admin', 'staff'];
export const ZONE_ADMIN: readonly Role[] = ['zone_admin'];

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
}
