import { useMemo } from 'react';
import { useQuery } from '@apollo/client/react';
import { ListContextDocument } from '../../gql/graphql';

/**
 * The namespaces to offer, from the caller's role bindings and the registry sources it can read.
 * TODO(issue 13): the `namespaces` query, with its counts.
 */
export function useListContext(extraNamespaces: Iterable<string> = []) {
  const { data } = useQuery(ListContextDocument);
  const registries = useMemo(() => data?.registries.edges.map((e) => e.node) ?? [], [data]);
  const extra = [...extraNamespaces].join(',');
  const namespaces = useMemo(() => {
    const names = new Set<string>(extra ? extra.split(',') : []);
    for (const binding of data?.me.roles ?? []) {
      if (binding.namespace) {
        names.add(binding.namespace);
      }
    }
    for (const r of registries) {
      names.add(r.namespace);
    }
    return [...names].sort();
  }, [data, registries, extra]);
  return { namespaces, registries };
}
