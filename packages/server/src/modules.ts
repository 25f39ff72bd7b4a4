import type { FastifyPluginAsync } from 'fastify';
import { approvalsRoutes } from './approvals/routes.ts';
import { cultivationRoutes } from './cultivation/routes.ts';
import { enterpriseRoutes } from './enterprises/routes.ts';
import { evaluationRoutes } from './evaluation/routes.ts';
import { investmentRoutes } from './investment/routes.ts';
import { ipRoutes } from './ip/routes.ts';
import { memberRoutes } from './platform/member-routes.ts';
import { platformRoutes } from './platform/routes.ts';
import { scenariosRoutes } from './scenarios/routes.ts';

/** Each module adds its routes plugin here (one line per module folder). */
export const moduleRoutes: FastifyPluginAsync[] = [
  platformRoutes,
  memberRoutes,
  investmentRoutes,
  approvalsRoutes,
  enterpriseRoutes,
  ipRoutes,
  evaluationRoutes,
  cultivationRoutes,
  scenariosRoutes,
];
