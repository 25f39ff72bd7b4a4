import type { Me } from '@kaifaqu/contracts';
import { QueryClient, QueryObserver } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { queryKeys, switchUser } from './queries.ts';

const user = { id: 1, username: 'demo-admin', displayName: '演示管理员', globalRole: null, memberships: [] } as unknown as Me;

describe('switchUser', () => {
  it('tells a component already watching the user, and forgets the previous user’s answers', async () => {
    const qc = new QueryClient();
    qc.setQueryData(queryKeys.me, user);
    qc.setQueryData(['overview', 'demo'], { figures: 1 });
    const watcher = new QueryObserver<Me | null>(qc, { queryKey: queryKeys.me, queryFn: () => user, staleTime: Infinity });
    const seen: (Me | null | undefined)[] = [];
    const stop = watcher.subscribe((r) => seen.push(r.data));
    qc.getMutationCache().build(qc, { mutationKey: ['edit'] });
    switchUser(qc, null);
    await new Promise((r) => setTimeout(r, 10)); // notifications are batched to the next tick
    expect(seen.at(-1)).toBeNull();
    expect(watcher.getCurrentResult().data).toBeNull();
    expect(qc.getQueryData(['overview', 'demo'])).toBeUndefined();
    expect(qc.getMutationCache().getAll()).toEqual([]);
    stop();
  });
});
