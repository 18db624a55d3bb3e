import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes } from 'react-router';
import '../../i18n';
import { App } from '../../App';
import { forgetConsoleSettings } from '../../auth/oidc/config';
import SignInPage from './SignInPage';

function renderSignIn() {
  return render(
    <App>
      <MemoryRouter initialEntries={['/signin?next=/registries']}>
        <Routes>
          <Route path="/signin" element={<SignInPage />} />
          <Route path="/registries" element={<p>registries screen</p>} />
        </Routes>
      </MemoryRouter>
    </App>,
  );
}

describe('sign-in', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    forgetConsoleSettings();
    sessionStorage.clear();
  });

  it('keeps a token the gateway accepts for the browser session and goes where the user was headed', async () => {
    // the screen also asks /console/config.json (no OIDC here); the token is checked at /graphql
    const fetch = vi.fn((url: string) =>
      Promise.resolve(
        url === '/console/config.json'
          ? new Response(JSON.stringify({ explorer: true }))
          : new Response(JSON.stringify({ data: { me: { name: 'admin', roles: [] } } }), { status: 200 }),
      ),
    );
    vi.stubGlobal('fetch', fetch);
    renderSignIn();
    fireEvent.change(screen.getByLabelText('API 令牌'), { target: { value: 'gw_secret' } });
    await userEvent.click(screen.getByRole('button', { name: '登录' }));
    expect(await screen.findByText('registries screen')).toBeInTheDocument();
    expect(sessionStorage.getItem('gateway.token')).toBe('gw_secret');
    const check = fetch.mock.calls.find(([url]) => url === '/graphql') as unknown as [string, RequestInit];
    expect((check[1].headers as Record<string, string>).Authorization).toBe('Bearer gw_secret');
  });

  it('says why a token is refused and keeps nothing', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn((url: string) =>
        Promise.resolve(
          url === '/console/config.json'
            ? new Response(JSON.stringify({ explorer: true }))
            : new Response(
                JSON.stringify({ errors: [{ message: 'unknown token', extensions: { code: 'UNAUTHENTICATED' } }] }),
              ),
        ),
      ),
    );
    renderSignIn();
    fireEvent.change(screen.getByLabelText('API 令牌'), { target: { value: 'wrong' } });
    await userEvent.click(screen.getByRole('button', { name: '登录' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('unknown token');
    expect(sessionStorage.getItem('gateway.token')).toBeNull();
  });
});
