import { afterEach, describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router';
import '../../i18n';
import { App } from '../../App';
import { forgetConsoleSettings } from '../../auth/oidc/config';
import { beginSignIn } from '../../auth/oidc/flow';
import OidcCallbackPage from './OidcCallbackPage';
import SignInPage from './SignInPage';

const OIDC = { issuer: 'https://idp.example.test', clientId: 'image-gateway', scopes: 'openid', token: 'id_token' as const };

function json(body: unknown, status = 200) {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

function renderAt(path: string) {
  return render(
    <App>
      <MemoryRouter initialEntries={[path]}>
        <Routes>
          <Route path="/signin" element={<SignInPage />} />
          <Route path="/signin/callback" element={<OidcCallbackPage />} />
        </Routes>
      </MemoryRouter>
    </App>,
  );
}

describe('OIDC on the sign-in screen', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    forgetConsoleSettings();
    sessionStorage.clear();
    window.history.replaceState({}, '', '/');
  });

  it('offers 「使用 OIDC 登录」 beside the token paste where the gateway names a provider, by its name when given', async () => {
    vi.stubGlobal('fetch', vi.fn().mockResolvedValue(json({ explorer: true, oidc: { ...OIDC, displayName: 'Keycloak' } })));
    renderAt('/signin');
    expect(await screen.findByRole('button', { name: /使用 Keycloak 登录/ })).toBeInTheDocument();
    expect(screen.getByLabelText('API 令牌')).toBeInTheDocument();
  });

  it('offers only the token paste where there is no provider', async () => {
    const fetch = vi.fn().mockResolvedValue(json({ explorer: true }));
    vi.stubGlobal('fetch', fetch);
    renderAt('/signin');
    await vi.waitFor(() => expect(fetch).toHaveBeenCalledWith('/console/config.json', expect.anything()));
    expect(screen.getByRole('button', { name: '登录' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /OIDC/ })).toBeNull();
  });

  it('says why a callback is refused (a state not sent) and keeps no token', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn().mockResolvedValueOnce(
        json({ issuer: OIDC.issuer, authorization_endpoint: `${OIDC.issuer}/auth`, token_endpoint: `${OIDC.issuer}/token` }),
      ),
    );
    await beginSignIn(OIDC, '/registries');
    window.history.replaceState({}, '', '/signin/callback?code=c&state=forged');
    renderAt('/signin/callback?code=c&state=forged');
    expect(await screen.findByRole('alert')).toHaveTextContent('state 与本次登录请求不符');
    expect(screen.getByRole('button', { name: '返回登录' })).toBeInTheDocument();
    expect(sessionStorage.getItem('gateway.token')).toBeNull();
  });

  it("says what the provider refused", async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn().mockResolvedValueOnce(
        json({ issuer: OIDC.issuer, authorization_endpoint: `${OIDC.issuer}/auth`, token_endpoint: `${OIDC.issuer}/token` }),
      ),
    );
    const state = new URL(await beginSignIn(OIDC, '/')).searchParams.get('state')!;
    window.history.replaceState({}, '', `/signin/callback?error=access_denied&error_description=denied&state=${state}`);
    renderAt('/signin/callback');
    expect(await screen.findByRole('alert')).toHaveTextContent('身份提供方拒绝了登录：access_denied: denied');
  });
});
