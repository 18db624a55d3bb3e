import type { RepositoryRowFragment } from '../../gql/graphql';

/** A list row as the gateway answers it, for the tests of the list's cache: never synced, harbor's library. */
export function repositoryRow(
  namespace: string,
  name: string,
  extra: Partial<RepositoryRowFragment> = {},
): RepositoryRowFragment {
  return {
    __typename: 'Repository',
    id: `${namespace}-${name}`,
    namespace,
    name,
    displayName: null,
    registryRef: { __typename: 'RegistryRef', namespace, name: 'harbor' },
    domain: 'harbor.example.com',
    repository: `library/${name}`,
    tag: 'latest',
    image: `library/${name}:latest`,
    lastSynced: null,
    syncStatus: 'PENDING',
    version: 1,
    createdAt: '2026-12-01T09:00:00Z',
    ...extra,
  };
}
