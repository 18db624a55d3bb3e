import type { Server } from 'node:http';
import { generateKeyPairSync } from 'node:crypto';
import Provider, { type Account } from 'oidc-provider';

/** The console's client at the provider, also the gateway's audience (GATEWAY_OIDC_AUDIENCE). */
export const OIDC_CLIENT_ID = 'image-gateway';
/** The one user the provider knows, a cluster admin by the gateway_roles claim. */
export const OIDC_USER = 'alice';

/**
 * A real, certified OpenID provider (the npm package oidc-provider) on a loopback port: one public client for the
 * console (authorization code, PKCE required, no secret) redirecting to the gateway's /signin/callback, one user,
 * its own signing key, and its development login pages (any password; the user is the login). The ID token
 * carries the claims of the requested scopes (preferred_username, gateway_roles), as the gateway reads them there.
 */
export async function startOidcProvider(port: number, gatewayOrigin: string): Promise<{ issuer: string; server: Server }> {
  const issuer = `http://127.0.0.1:${port}`;
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const signing = { ...privateKey.export({ format: 'jwk' }), kid: 'e2e', use: 'sig', alg: 'RS256' };
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: OIDC_CLIENT_ID,
        client_name: 'Image Repository Gateway console',
        application_type: 'web',
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code'],
        response_types: ['code'],
        redirect_uris: [`${gatewayOrigin}/signin/callback`],
        post_logout_redirect_uris: [`${gatewayOrigin}/signin`],
      },
    ],
    pkce: { required: () => true },
    jwks: { keys: [signing] },
    cookies: { keys: ['console-e2e-cookie-key'] },
    claims: { openid: ['sub'], profile: ['preferred_username', 'name', 'gateway_roles'] },
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
    findAccount: async (_ctx: unknown, id: string): Promise<Account | undefined> =>
      id === OIDC_USER
        ? { accountId: id, claims: () => ({ sub: id, preferred_username: id, name: 'Alice', gateway_roles: ['ADMIN'] }) }
        : undefined,
  });
  const server = await new Promise<Server>((resolve) => {
    const listening: Server = provider.listen(port, '127.0.0.1', () => resolve(listening));
  });
  return { issuer, server };
}
