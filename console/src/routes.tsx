import { lazy, Suspense, type ReactNode } from 'react';
import { Spin } from 'antd';
import { Navigate, type RouteObject } from 'react-router';
import { RequireSession } from './auth/RequireSession';
import { AppLayout } from './layout/AppLayout';
import { loadScreenTexts } from './i18n';
import type { TextsScreen } from './i18n/screenTexts';

/** A screen's code and its own Chinese texts (i18n/screenTexts.ts), loaded side by side. */
function withTexts<T>(texts: TextsScreen, load: () => Promise<T>) {
  return () => Promise.all([load(), loadScreenTexts(texts)]).then(([module]) => module);
}

// One chunk per screen (with its texts): the first screen loads only what it shows.
const SignInPage = lazy(withTexts('signIn', () => import('./screens/signin/SignInPage')));
const OidcCallbackPage = lazy(withTexts('signIn', () => import('./screens/signin/OidcCallbackPage')));
// GraphiQL (with its Monaco editor) is large: its own chunks, loaded only when /graphiql opens
const ExplorerPage = lazy(() => import('./screens/explorer/ExplorerPage'));
const RepositoriesPage = lazy(() => import('./screens/repositories/RepositoriesPage'));
const RepositoryDetailPage = lazy(withTexts('repositoryPage', () => import('./screens/repositories/RepositoryDetailPage')));
const RegistriesPage = lazy(withTexts('registries', () => import('./screens/registries/RegistriesPage')));
const AuditPage = lazy(withTexts('audit', () => import('./screens/audit/AuditPage')));
const TokensPage = lazy(withTexts('tokens', () => import('./screens/tokens/TokensPage')));
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
