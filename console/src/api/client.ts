import {
  ApolloClient,
  ApolloLink,
  CombinedGraphQLErrors,
  HttpLink,
  InMemoryCache,
  type FieldMergeFunction,
  type FieldPolicy,
} from '@apollo/client';
import { SetContextLink } from '@apollo/client/link/context';
import { ErrorLink } from '@apollo/client/link/error';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { getMainDefinition, relayStylePagination } from '@apollo/client/utilities';
import { createClient, type Client } from 'graphql-ws';
import { forgetLiveStatuses, liveStatusFields } from '../screens/repositories/liveCache';

export interface GatewayClient {
  apollo: ApolloClient;
  /** Closes the subscriptions' WebSocket (at sign-out). */
  dispose: () => void;
}

/**
 * The cache's shape: lists page like Relay connections, one cached list per filter; the repositories list one
 * cached entry per page.
 */
export function createCache() {
  return new InMemoryCache({
    typePolicies: {
      Query: {
        fields: {
          // each page of a list its own entry (after is a key argument), joined by the screen: a page's cost does
          // not grow with the pages loaded before it (screens/repositories/listPages.ts, useRepositoryPages.ts)
          repositories: { keyArgs: ['namespace', 'search', 'syncStatus', 'orderBy', 'after'], merge: false },
          registries: relayStylePagination(['namespace']),
          auditLog: auditLogPages(),
        },
      },
      // Live events name a repository by namespace and name (SyncStatusEvent has no id): the cache keys it so.
      // The repository page's 同步历史 and 审计 load more pages (fetchMore of the next cursor): one list each.
      Repository: {
        keyFields: ['namespace', 'name'],
        fields: { ...liveStatusFields, syncHistory: relayStylePagination(), history: relayStylePagination() },
      },
      // 依赖关系 reads sharedWith with a longer first on 「加载更多」: both lists kept side by side.
      RepositoryDependencies: { merge: true },
      Registry: { keyFields: ['namespace', 'name'] },
      // me has no id: the answers of several queries (roles, can(…) per namespace) are merged into one
      Caller: { merge: true },
      ApiToken: { keyFields: ['name'] },
    },
  });
}

/**
 * The audit log's pages, joined as Relay connections; a later page keeps the first page's liveCursor: the live
 * feed (auditLogAppended after it) follows the list from its first read, not from whenever a page was added.
 */
function auditLogPages(): FieldPolicy {
  const pages = relayStylePagination(['filter']);
  const merge = pages.merge as FieldMergeFunction;
  return {
    ...pages,
    merge: (existing, incoming, options) => {
      const merged = merge(existing, incoming, options);
      return options.args?.after && existing ? { ...merged, liveCursor: existing.liveCursor } : merged;
    },
  };
}

/** The GraphQL WebSocket on the page's own origin. */
export function webSocketUrl() {
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${window.location.host}/graphql`;
}

/**
 * Queries and mutations over HTTP with Authorization: Bearer; subscriptions over one graphql-ws connection that
 * authenticates with the same header in its connection_init payload (how the gateway's CallerInterceptor reads it).
 */
export function createGatewayClient(token: string, onUnauthenticated: () => void): GatewayClient {
  const authorization = `Bearer ${token}`;
  let apollo: ApolloClient | undefined;
  const ws: Client = createClient({
    url: webSocketUrl(),
    connectionParams: () => ({ Authorization: authorization }),
    lazy: true,
    retryAttempts: Infinity,
    shouldRetry: () => true,
    on: {
      // events may have been missed while the connection was down: read the screens' data once more
      connected: (_socket, _payload, wasRetry) => {
        if (wasRetry && apollo) {
          forgetLiveStatuses(apollo.cache);
          void apollo.refetchQueries({ include: 'active' });
        }
      },
    },
  });
  const http = new HttpLink({ uri: '/graphql' });
  const auth = new SetContextLink((previous) => ({
    headers: { ...previous.headers, Authorization: authorization },
  }));
  const errors = new ErrorLink(({ error }) => {
    if (CombinedGraphQLErrors.is(error) && error.errors.some((e) => e.extensions?.code === 'UNAUTHENTICATED')) {
      onUnauthenticated();
    }
  });
  const link = ApolloLink.split(
    ({ query }) => {
      const definition = getMainDefinition(query);
      return definition.kind === 'OperationDefinition' && definition.operation === 'subscription';
    },
    new GraphQLWsLink(ws),
    ApolloLink.from([errors, auth, http]),
  );
  apollo = new ApolloClient({ link, cache: createCache() });
  const client = apollo;
  return {
    apollo: client,
    dispose: () => {
      void ws.dispose();
      client.stop();
    },
  };
}

/** The error code the gateway put into a GraphQL error's extensions, if any. */
export function errorCode(error: unknown): string | undefined {
  if (CombinedGraphQLErrors.is(error)) {
    const code = error.errors[0]?.extensions?.code;
    return typeof code === 'string' ? code : undefined;
  }
  return undefined;
}

/** Field errors (extensions.field) of a VALIDATION_FAILED answer, by field name. */
export function fieldErrors(error: unknown): Record<string, string> {
  const result: Record<string, string> = {};
  if (CombinedGraphQLErrors.is(error)) {
    for (const e of error.errors) {
      const field = e.extensions?.field;
      if (typeof field === 'string') {
        result[field] = e.message;
      }
    }
  }
  return result;
}

export function errorMessage(error: unknown): string {
  if (CombinedGraphQLErrors.is(error)) {
    return error.errors.map((e) => e.message).join('; ');
  }
  return error instanceof Error ? error.message : String(error);
}
