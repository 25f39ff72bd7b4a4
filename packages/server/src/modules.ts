import type { FastifyPluginAsync } from 'fastify';
import { platformRoutes } from './platform/routes.ts';

/** Each module adds its routes here (one plugin per module folder). */
export const moduleRoutes: FastifyPluginAsync[] = [platformRoutes];
