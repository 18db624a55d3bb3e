import { afterEach, describe, expect, it, vi } from 'vitest';
import { beginSignIn, completeSignIn, OidcSignInError, takeProviderSignOut } from './flow';
import { base64Url, challengeS256, randomValue, sameValue } from './pkce';
import type { OidcSettings } from './config';

const ISSUER = 'https://idp.example.test/realms/gw';
const METADATA = {
  issuer: ISSUER,
  authorization_endpoint: `${ISSUER}/auth`,
  token_endpoint: `${ISSUER}/token`,
  end_session_endpoint: `${ISSUER}/logout`,
};
const OIDC: OidcSettings = { issuer: ISSUER, clientId: 'image-gateway', scopes: 'openid profile', token: 'id_token' };

function jwt(claims: Record<string, unknown>) {
  const part = (value: unknown) => base64Url(new TextEncoder().encode(JSON.stringify(value)));
  return `${part({ alg: 'RS256' })}.${part(claims)}.signature`;
}

function json(body: unknown, status = 200) {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

/** Starts a sign-in against the fake provider; answers the authorization request's parameters. */
async function begin(settings = OIDC) {
  const fetch = vi.fn().mockResolvedValueOnce(json(METADATA));
  vi.stubGlobal('fetch', fetch);
  const url = new URL(await beginSignIn(settings, '/registries'));
  expect(fetch.mock.calls[0][0]).toBe(`${ISSUER}/.well-known/openid-configuration`);
  return url;
}

describe('PKCE (RFC 7636)', () => {
  it('derives the S256 challenge of Appendix B', async () => {
    // the RFC's 32 octets, base64url: the verifier; its SHA-256, base64url: the challenge
    const octets = [
      116, 24, 223, 180, 151, 153, 224, 37, 79, 250, 96, 125, 216, 173, 187, 186, 22, 212, 37, 77, 105, 214, 191, 240,
      91, 88, 5, 88, 83, 132, 141, 121,
    ];
    const verifier = base64Url(new Uint8Array(octets));
    expect(verifier).toBe('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk');
    expect(await challengeS256(verifier)).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });

  it('makes verifiers of 43 unreserved characters, new each time, and refuses malformed ones', async () => {
    const a = randomValue(32);
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(randomValue(32)).not.toBe(a);
    await expect(challengeS256('too-short')).rejects.toThrow(/43 to 128/);
    await expect(challengeS256('a'.repeat(129))).rejects.toThrow(/43 to 128/);
  });

  it('compares states exactly, and never an empty or missing one', () => {
    expect(sameValue('abc', 'abc')).toBe(true);
    expect(sameValue('abc', 'abd')).toBe(false);
    expect(sameValue('abc', 'abcd')).toBe(false);
    expect(sameValue('', '')).toBe(false);
    expect(sameValue(null, 'abc')).toBe(false);
  });
});

describe('OIDC sign-in (authorization code with PKCE)', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    sessionStorage.clear();
  });

  it('asks for a code with the S256 challenge, a state and a nonce, and redeems it with the verifier', async () => {
    const url = await begin();
    expect(url.origin + url.pathname).toBe(METADATA.authorization_endpoint);
    const asked = url.searchParams;
    expect(asked.get('response_type')).toBe('code');
    expect(asked.get('client_id')).toBe('image-gateway');
    expect(asked.get('redirect_uri')).toBe(`${window.location.origin}/signin/callback`);
    expect(asked.get('scope')).toBe('openid profile');
    expect(asked.get('code_challenge_method')).toBe('S256');
    expect(asked.get('state')).toMatch(/^[A-Za-z0-9_-]{22}$/);

    const idToken = jwt({ nonce: asked.get('nonce'), aud: 'image-gateway' });
    const token = vi.fn().mockResolvedValueOnce(json({ id_token: idToken, access_token: 'opaque' }));
    vi.stubGlobal('fetch', token);
    const done = await completeSignIn(new URLSearchParams({ code: 'c0de', state: asked.get('state')!, iss: ISSUER }));
    expect(done).toMatchObject({ token: idToken, next: '/registries' });

    const [endpoint, request] = token.mock.calls[0];
    expect(endpoint).toBe(METADATA.token_endpoint);
    const form = new URLSearchParams(request.body as URLSearchParams);
    expect(form.get('grant_type')).toBe('authorization_code');
    expect(form.get('code')).toBe('c0de');
    expect(form.get('client_id')).toBe('image-gateway');
    expect(await challengeS256(form.get('code_verifier')!)).toBe(asked.get('code_challenge'));

    // the provider's session is kept once asked, for sign-out at its end_session_endpoint, and used once
    done.keep();
    const signOut = new URL(takeProviderSignOut()!);
    expect(signOut.origin + signOut.pathname).toBe(METADATA.end_session_endpoint);
    expect(signOut.searchParams.get('id_token_hint')).toBe(idToken);
    expect(signOut.searchParams.get('post_logout_redirect_uri')).toBe(`${window.location.origin}/signin`);
    expect(takeProviderSignOut()).toBeNull();
  });

  it('sends the access token instead where the gateway is told to expect it', async () => {
    const asked = (await begin({ ...OIDC, token: 'access_token' })).searchParams;
    vi.stubGlobal('fetch', vi.fn().mockResolvedValueOnce(json({ id_token: jwt({ nonce: asked.get('nonce') }), access_token: 'at' })));
    expect((await completeSignIn(new URLSearchParams({ code: 'c', state: asked.get('state')! }))).token).toBe('at');
  });

  async function failure(callback: (asked: URLSearchParams) => Record<string, string>, tokenAnswer?: Response) {
    const asked = (await begin()).searchParams;
    const fetch = vi.fn();
    if (tokenAnswer) fetch.mockResolvedValueOnce(tokenAnswer);
    vi.stubGlobal('fetch', fetch);
    const error = await completeSignIn(new URLSearchParams(callback(asked))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OidcSignInError);
    return { error: error as OidcSignInError, fetch };
  }

  it('refuses a callback whose state is not the one sent, without asking for a token', async () => {
    const { error, fetch } = await failure(() => ({ code: 'c', state: 'forged' }));
    expect(error.reason).toBe('state');
    expect(fetch).not.toHaveBeenCalled();
  });

  it('uses a pending request once: the same callback again finds none', async () => {
    const asked = (await begin()).searchParams;
    vi.stubGlobal('fetch', vi.fn().mockResolvedValueOnce(json({ id_token: jwt({ nonce: asked.get('nonce') }) })));
    const query = new URLSearchParams({ code: 'c', state: asked.get('state')! });
    await completeSignIn(query);
    await expect(completeSignIn(query)).rejects.toMatchObject({ reason: 'noPending' });
  });

  it("says what the provider refused, another issuer's callback, and a failed or unmatched token answer", async () => {
    expect(
      (await failure((a) => ({ error: 'access_denied', error_description: 'the user said no', state: a.get('state')! })))
        .error,
    ).toMatchObject({ reason: 'provider', detail: 'access_denied: the user said no' });
    expect((await failure((a) => ({ code: 'c', state: a.get('state')!, iss: 'https://evil.test' }))).error).toMatchObject({
      reason: 'issuer',
    });
    expect(
      (await failure((a) => ({ code: 'c', state: a.get('state')! }), json({ error: 'invalid_grant', error_description: 'PKCE verification failed' }, 400)))
        .error,
    ).toMatchObject({ reason: 'token', detail: 'invalid_grant: PKCE verification failed' });
    expect(
      (await failure((a) => ({ code: 'c', state: a.get('state')! }), json({ id_token: jwt({ nonce: 'replayed' }) }))).error
        .reason,
    ).toBe('nonce');
  });

  it('refuses a provider whose discovery names another issuer', async () => {
    vi.stubGlobal('fetch', vi.fn().mockResolvedValueOnce(json({ ...METADATA, issuer: 'https://other.test' })));
    await expect(beginSignIn(OIDC, '/')).rejects.toThrow(/another issuer/);
    expect(sessionStorage.length).toBe(0);
  });
});
