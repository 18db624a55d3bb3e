import { useMemo } from 'react';
import { useQuery } from '@apollo/client/react';
import { ListContextDocument } from '../../gql/graphql';

/**
 * The namespaces to offer (the `namespaces` query: those the caller can read, with how many repositories each
 * holds; also a namespace in the URL or of a readable source not listed there) and the registry sources.
 */
export function useListContext(extraNamespaces: Iterable<string> = []) {
  const { data, refetch } = useQuery(ListContextDocument);
  const registries = useMemo(() => data?.registries.edges.map((e) => e.node) ?? [], [data]);
  const extra = [...extraNamespaces].join(',');
  const counted = useMemo(() => {
    const counts = new Map<string, number | null>((data?.namespaces ?? []).map((n) => [n.name, n.repositoryCount]));
    for (const name of extra ? extra.split(',') : []) {
      if (!counts.has(name)) counts.set(name, null);
    }
    for (const r of registries) {
      if (!counts.has(r.namespace)) counts.set(r.namespace, null);
    }
    return [...counts.entries()]
      .map(([name, repositoryCount]) => ({ name, repositoryCount }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }, [data, registries, extra]);
  const namespaces = useMemo(() => counted.map((n) => n.name), [counted]);
  return { namespaces, counted, registries, refetch };
}
