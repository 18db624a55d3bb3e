import { lazy, Suspense, type ReactNode } from 'react';
import { Spin } from 'antd';
import { Navigate, type RouteObject } from 'react-router';
import { RequireSession } from './auth/RequireSession';
import { AppLayout } from './layout/AppLayout';

// One chunk per screen: the first screen loads only what it shows.
const SignInPage = lazy(() => import('./screens/signin/SignInPage'));
const OidcCallbackPage = lazy(() => import('./screens/signin/OidcCallbackPage'));
// GraphiQL (with its Monaco editor) is large: its own chunks, loaded only when /graphiql opens
const ExplorerPage = lazy(() => import('./screens/explorer/ExplorerPage'));
const RepositoriesPage = lazy(() => import('./screens/repositories/RepositoriesPage'));
const RepositoryDetailPage = lazy(() => import('./screens/repositories/RepositoryDetailPage'));
const RegistriesPage = lazy(() => import('./screens/registries/RegistriesPage'));
const AuditPage = lazy(() => import('./screens/audit/AuditPage'));
const TokensPage = lazy(() => import('./screens/tokens/TokensPage'));
const NotFoundPage = lazy(() => import('./screens/notfound/NotFoundPage'));

function Loading({ children }: { children: ReactNode }) {
  return <Suspense fallback={<Spin />}>{children}</Suspense>;
}

export const routes: RouteObject[] = [
  {
    path: '/signin',
    element: (
      <Loading>
        <SignInPage />
      </Loading>
    ),
  },
  {
    path: '/signin/callback',
    element: (
      <Loading>
        <OidcCallbackPage />
      </Loading>
    ),
  },
  {
    element: (
      <RequireSession>
        <AppLayout />
      </RequireSession>
    ),
    children: [
      { index: true, element: <Navigate to="/repositories" replace /> },
      { path: 'repositories', element: <RepositoriesPage /> },
      { path: 'repositories/:namespace/:name', element: <RepositoryDetailPage /> },
      { path: 'registries', element: <RegistriesPage /> },
      { path: 'audit', element: <AuditPage /> },
      { path: 'tokens', element: <TokensPage /> },
      { path: 'graphiql', element: <ExplorerPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];
