import { type Database, globalDataVersion, zoneDataVersion } from '@kaifaqu/db';
import type { FastifyInstance } from 'fastify';

/**
 * Dashboards and lists a route marks `memo` are answered from the JSON they produced last time, for the same user
 * and URL, while the data they read is unchanged: `zone` routes read one zone's records (its data version is the
 * newest audit entry of the zone, read with the session), `global` routes also read national data (the newest
 * audit entry of all). Every write goes through a service that audits in its transaction, so an answer is never
 * served after the data moved; the age limit covers changes made outside the services (SQL by hand).
 */
export type Memo = 'zone' | 'global';

declare module 'fastify' {
  interface FastifyContextConfig {
    memo?: Memo;
  }
  interface FastifyRequest {
    memoKey: string | null;
  }
}

export const memoLimits = { entries: 2000, bytes: 64 * 1024 * 1024, ageMs: 60_000, enabled: true };

const entries = new Map<string, { at: number; body: string }>();
let bytes = 0;

function store(key: string, body: string) {
  const old = entries.get(key);
  if (old) bytes -= old.body.length;
  entries.delete(key);
  entries.set(key, { at: Date.now(), body });
  bytes += body.length;
  // Oldest first (a Map iterates in insertion order, and a hit re-inserts).
  for (const [k, v] of entries) {
    if (entries.size <= memoLimits.entries && bytes <= memoLimits.bytes) break;
    entries.delete(k);
    bytes -= v.body.length;
  }
}

export function clearMemo(): void {
  entries.clear();
  bytes = 0;
}

export function registerMemo(app: FastifyInstance, database: Database): void {
  app.decorateRequest('memoKey', null);
  // After the access check (onRequest), so only a caller allowed to read the route reaches its memo, and the key
  // holds the user: no answer crosses users, roles or zones.
  app.addHook('preHandler', async (req, reply) => {
    const kind = req.routeOptions.config?.memo;
    if (!kind || !memoLimits.enabled || req.method !== 'GET' || !req.scope || !req.user) return;
    const zone =
      kind === 'zone'
        ? (req.scope.dataVersion ?? (await zoneDataVersion(database.db, req.scope.zoneId)))
        : await globalDataVersion(database.db);
    const key = `${database.kind}|${req.scope.zoneId}|${kind}:${zone}|${req.user.id}|${req.url}`;
    const hit = entries.get(key);
    if (hit && Date.now() - hit.at < memoLimits.ageMs) {
      entries.delete(key);
      entries.set(key, hit);
      reply.header('content-type', 'application/json; charset=utf-8');
      reply.header('x-kfq-memo', 'hit');
      return reply.send(hit.body);
    }
    req.memoKey = key;
  });
  app.addHook('onSend', async (req, reply, payload) => {
    if (req.memoKey && reply.statusCode === 200 && typeof payload === 'string') store(req.memoKey, payload);
    return payload;
  });
}
