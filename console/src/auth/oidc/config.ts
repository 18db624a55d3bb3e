// What the gateway tells the console before anyone signs in: GET /console/config.json (public, nothing secret).
// Not a GraphQL type: the endpoint is the gateway's small REST answer (app/access/ConsoleSettingsEndpoint.java).

export interface OidcSettings {
  /** The provider's issuer; its endpoints come from {issuer}/.well-known/openid-configuration. */
  issuer: string;
  clientId: string;
  scopes: string;
  /** The provider's name for the sign-in button; absent: 「使用 OIDC 登录」. */
  displayName?: string;
  /** Which token the console sends as Bearer: the one whose aud the gateway's audience check accepts. */
  token: 'id_token' | 'access_token';
}

export interface ConsoleSettings {
  /** OIDC sign-in: absent when the gateway accepts no OIDC tokens or the console's sign-in is turned off. */
  oidc?: OidcSettings;
  /** The GraphQL explorer at /graphiql. */
  explorer: boolean;
}

let settings: Promise<ConsoleSettings> | undefined;

/** The gateway's console settings, asked once per page load; without an answer: no OIDC, explorer on. */
export function consoleSettings(): Promise<ConsoleSettings> {
  settings ??= fetch('/console/config.json', { headers: { Accept: 'application/json' } })
    .then((response) => (response.ok ? (response.json() as Promise<ConsoleSettings>) : { explorer: true }))
    .catch(() => ({ explorer: true }));
  return settings;
}

/** For tests: forget the answer. */
export function forgetConsoleSettings() {
  settings = undefined;
}
