// OIDC sign-in, authorization code with PKCE (RFC 7636, S256), for a public client in the browser:
// discovery → the provider's authorization endpoint (code_challenge, state, nonce) → /signin/callback → the token
// endpoint with the code_verifier → the token the gateway's audience check accepts, kept like a pasted token.
import type { OidcSettings } from './config';
import { challengeS256, randomValue, sameValue } from './pkce';

/** The provider's metadata the console uses (OpenID Connect Discovery 1.0). */
export interface ProviderMetadata {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  end_session_endpoint?: string;
}

/** What is kept between leaving for the provider and coming back (this tab's sessionStorage, used once). */
interface PendingSignIn {
  state: string;
  nonce: string;
  verifier: string;
  next: string;
  issuer: string;
  clientId: string;
  redirectUri: string;
  tokenEndpoint: string;
  endSessionEndpoint?: string;
  token: OidcSettings['token'];
}

/** The provider's sign-in of this browser session, for signing out there too. */
interface ProviderSession {
  idToken: string;
  clientId: string;
  endSessionEndpoint: string;
}

const PENDING = 'gateway.oidc.pending';
const SESSION = 'gateway.oidc.session';

/** Why a callback did not sign in; the callback screen says it in the user's language. */
export type SignInFailure = 'noPending' | 'state' | 'issuer' | 'provider' | 'token' | 'nonce' | 'gateway';

export class OidcSignInError extends Error {
  constructor(
    readonly reason: SignInFailure,
    readonly detail = '',
  ) {
    super(detail ? `${reason}: ${detail}` : reason);
  }
}

export function callbackUri(origin = window.location.origin) {
  return `${origin}/signin/callback`;
}

export function signedOutUri(origin = window.location.origin) {
  return `${origin}/signin`;
}

/** The provider's metadata; its issuer must be the configured one exactly (Discovery 1.0, section 4.3). */
export async function discover(issuer: string): Promise<ProviderMetadata> {
  const response = await fetch(`${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`, {
    headers: { Accept: 'application/json' },
  });
  if (!response.ok) {
    throw new Error(`${issuer}: discovery answered HTTP ${response.status}`);
  }
  const metadata = (await response.json()) as ProviderMetadata;
  if (metadata.issuer !== issuer) {
    throw new Error(`${issuer}: discovery names another issuer (${metadata.issuer})`);
  }
  if (!metadata.authorization_endpoint || !metadata.token_endpoint) {
    throw new Error(`${issuer}: discovery names no authorization or token endpoint`);
  }
  return metadata;
}

/** Prepares the authorization request (kept for the callback) and answers the URL to go to. */
export async function beginSignIn(oidc: OidcSettings, next: string): Promise<string> {
  const metadata = await discover(oidc.issuer);
  const pending: PendingSignIn = {
    state: randomValue(16),
    nonce: randomValue(16),
    verifier: randomValue(32),
    next,
    issuer: metadata.issuer,
    clientId: oidc.clientId,
    redirectUri: callbackUri(),
    tokenEndpoint: metadata.token_endpoint,
    endSessionEndpoint: metadata.end_session_endpoint,
    token: oidc.token,
  };
  const url = new URL(metadata.authorization_endpoint);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', pending.clientId);
  url.searchParams.set('redirect_uri', pending.redirectUri);
  url.searchParams.set('scope', oidc.scopes);
  url.searchParams.set('state', pending.state);
  url.searchParams.set('nonce', pending.nonce);
  url.searchParams.set('code_challenge', await challengeS256(pending.verifier));
  url.searchParams.set('code_challenge_method', 'S256');
  sessionStorage.setItem(PENDING, JSON.stringify(pending));
  return url.toString();
}

function takePending(): PendingSignIn | null {
  const text = sessionStorage.getItem(PENDING);
  sessionStorage.removeItem(PENDING);
  try {
    return text ? (JSON.parse(text) as PendingSignIn) : null;
  } catch {
    return null;
  }
}

/** The claims of a JWT, unverified: the gateway verifies the signature; the console only compares the nonce. */
export function jwtClaims(jwt: string): Record<string, unknown> {
  const payload = jwt.split('.')[1];
  if (!payload) throw new OidcSignInError('token', 'the id_token is not a JWT');
  const base64 = payload.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
}

export interface CompletedSignIn {
  /** The bearer token for the gateway. */
  token: string;
  /** Where the user was headed. */
  next: string;
}

/**
 * The callback's query (`code` and `state`, or `error`): checks the state against the pending request (one use),
 * redeems the code with the verifier, checks the id_token's nonce, and answers the token to sign in with. The
 * provider's session is remembered for sign-out (end_session_endpoint) once the caller calls keepProviderSession.
 */
export async function completeSignIn(query: URLSearchParams): Promise<CompletedSignIn & { keep: () => void }> {
  const pending = takePending();
  if (!pending) throw new OidcSignInError('noPending');
  if (!sameValue(query.get('state'), pending.state)) throw new OidcSignInError('state');
  const iss = query.get('iss'); // RFC 9207: where the provider says who it is, it must be the one asked
  if (iss !== null && iss !== pending.issuer) throw new OidcSignInError('issuer', iss);
  const error = query.get('error');
  if (error) {
    throw new OidcSignInError('provider', [error, query.get('error_description')].filter(Boolean).join(': '));
  }
  const code = query.get('code');
  if (!code) throw new OidcSignInError('provider', 'no code');
  let response: Response;
  try {
    response = await fetch(pending.tokenEndpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        redirect_uri: pending.redirectUri,
        client_id: pending.clientId,
        code_verifier: pending.verifier,
      }),
    });
  } catch (unreachable) {
    throw new OidcSignInError('token', unreachable instanceof Error ? unreachable.message : String(unreachable));
  }
  const body = (await response.json().catch(() => ({}))) as Record<string, string | undefined>;
  if (!response.ok) {
    throw new OidcSignInError(
      'token',
      [body.error ?? `HTTP ${response.status}`, body.error_description].filter(Boolean).join(': '),
    );
  }
  const idToken = body.id_token;
  if (!idToken) throw new OidcSignInError('token', 'no id_token (is "openid" among the scopes?)');
  if (!sameValue(jwtClaims(idToken).nonce as string | undefined, pending.nonce)) throw new OidcSignInError('nonce');
  const token = pending.token === 'access_token' ? body.access_token : idToken;
  if (!token) throw new OidcSignInError('token', 'no access_token');
  const endSessionEndpoint = pending.endSessionEndpoint;
  return {
    token,
    next: pending.next,
    keep: () => {
      if (endSessionEndpoint) {
        const session: ProviderSession = { idToken, clientId: pending.clientId, endSessionEndpoint };
        sessionStorage.setItem(SESSION, JSON.stringify(session));
      }
    },
  };
}

/** Where to end the provider's session at sign-out (RP-Initiated Logout), or null; forgets the session. */
export function takeProviderSignOut(): string | null {
  const text = sessionStorage.getItem(SESSION);
  sessionStorage.removeItem(SESSION);
  if (!text) return null;
  try {
    const session = JSON.parse(text) as ProviderSession;
    const url = new URL(session.endSessionEndpoint);
    url.searchParams.set('id_token_hint', session.idToken);
    url.searchParams.set('client_id', session.clientId);
    url.searchParams.set('post_logout_redirect_uri', signedOutUri());
    return url.toString();
  } catch {
    return null;
  }
}
