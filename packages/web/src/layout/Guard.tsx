import type { ReactNode } from 'react';
import type { Access } from '../access.ts';
import Forbidden from '../pages/errors/Forbidden.tsx';
import { useAccess } from './useAccess.ts';

/** Renders the page only when the route's access key allows it; a 403 in place otherwise (URL unchanged). */
export function Guard({ access, children }: { access?: keyof Access; children: ReactNode }) {
  const a = useAccess();
  if (!a.canSeeZone || (access && !a[access])) return <Forbidden embedded />;
  return <>{children}</>;
}
