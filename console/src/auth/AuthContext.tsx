import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ApolloProvider } from '@apollo/client/react';
import { createGatewayClient } from '../api/client';
import { forgetToken, storeToken, storedToken } from './token';

interface Session {
  token: string | null;
  signIn: (token: string) => void;
  signOut: () => void;
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
  const signOut = useCallback(() => {
    forgetToken();
    setToken(null);
  }, []);
  const client = useMemo(() => (token ? createGatewayClient(token, signOut) : null), [token, signOut]);
  useEffect(() => () => client?.dispose(), [client]);
  const session = useMemo(() => ({ token, signIn, signOut }), [token, signIn, signOut]);
  return (
    <SessionContext.Provider value={session}>
      {client ? <ApolloProvider client={client.apollo}>{children}</ApolloProvider> : children}
    </SessionContext.Provider>
  );
}
