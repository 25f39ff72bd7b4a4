import { type Database, dataVersion } from '@kaifaqu/db';
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

/** One store per app (and so per database): two apps in one process (tests) never share answers. */
interface Store {
  entries: Map<string, { at: number; body: string }>;
  bytes: number;
}
const stores = new Set<Store>();

function store(s: Store, key: string, body: string) {
  const old = s.entries.get(key);
  if (old) s.bytes -= old.body.length;
  s.entries.delete(key);
  s.entries.set(key, { at: Date.now(), body });
  s.bytes += body.length;
  // Oldest first (a Map iterates in insertion order, and a hit re-inserts).
  for (const [k, v] of s.entries) {
    if (s.entries.size <= memoLimits.entries && s.bytes <= memoLimits.bytes) break;
    s.entries.delete(k);
    s.bytes -= v.body.length;
  }
}

export function clearMemo(): void {
  for (const s of stores) {
    s.entries.clear();
    s.bytes = 0;
  }
}

export function registerMemo(app: FastifyInstance, database: Database): void {
  const memo: Store = { entries: new Map(), bytes: 0 };
  stores.add(memo);
  app.addHook('onClose', async () => {
    stores.delete(memo);
  });
  app.decorateRequest('memoKey', null);
  // After the access check (onRequest), so only a caller allowed to read the route reaches its memo, and the key
  // holds the user: no answer crosses users, roles or zones.
  app.addHook('preHandler', async (req, reply) => {
    const kind = req.routeOptions.config?.memo;
    if (!kind || !memoLimits.enabled || req.method !== 'GET' || !req.scope || !req.user) return;
    const zone =
      kind === 'zone' ? (req.scope.dataVersion ?? (await dataVersion(database.db, req.scope.zoneId))) : await dataVersion(database.db);
    const key = `${req.scope.zoneId}|${kind}:${zone}|${req.user.id}|${req.url}`;
    const hit = memo.entries.get(key);
    if (hit && Date.now() - hit.at < memoLimits.ageMs) {
      memo.entries.delete(key);
      memo.entries.set(key, hit);
      reply.header('content-type', 'application/json; charset=utf-8');
      reply.header('x-kfq-memo', 'hit');
      return reply.send(hit.body);
    }
    req.memoKey = key;
  });
  app.addHook('onSend', async (req, reply, payload) => {
    if (req.memoKey && reply.statusCode === 200 && typeof payload === 'string') store(memo, req.memoKey, payload);
    return payload;
  });
}
