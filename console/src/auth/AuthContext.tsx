import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ApolloProvider } from '@apollo/client/react';
import { createGatewayClient } from '../api/client';
import { takeProviderSignOut } from './oidc/flow';
import { forgetToken, storeToken, storedToken } from './token';

interface Session {
  token: string | null;
  signIn: (token: string) => void;
  /** Forgets the token (and an OIDC provider's session); endProviderSession: signs out at the provider too. */
  signOut: (options?: { endProviderSession?: boolean }) => void;
}

const SessionContext = createContext<Session>({ token: null, signIn: () => {}, signOut: () => {} });

export function useSession() {
  return useContext(SessionContext);
}

/** The signed-in token and an Apollo client made for it; signing out drops both (and the WebSocket). */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [token, setToken] = useState<string | null>(() => storedToken());
  const signIn = useCallback((value: string) => {
    storeToken(value);
    setToken(value);
  }, []);
  const signOut = useCallback((options?: { endProviderSession?: boolean }) => {
    const providerSignOut = takeProviderSignOut();
    forgetToken();
    setToken(null);
    // RP-initiated logout: the provider ends its session and sends the browser back to /signin
    if (options?.endProviderSession && providerSignOut) window.location.assign(providerSignOut);
  }, []);
  const client = useMemo(() => (token ? createGatewayClient(token, () => signOut()) : null), [token, signOut]);
  useEffect(() => () => client?.dispose(), [client]);
  const session = useMemo(() => ({ token, signIn, signOut }), [token, signIn, signOut]);
  return (
    <SessionContext.Provider value={session}>
      {client ? <ApolloProvider client={client.apollo}>{children}</ApolloProvider> : children}
    </SessionContext.Provider>
  );
}
