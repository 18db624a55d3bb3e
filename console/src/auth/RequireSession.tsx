import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useSession } from './AuthContext';

/** Screens behind sign-in: without a token, the sign-in screen, which comes back here afterwards. */
export function RequireSession({ children }: { children: ReactNode }) {
  const { token } = useSession();
  const location = useLocation();
  if (!token) {
    const next = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/signin?next=${next}`} replace />;
  }
  return children;
}
