import { useMemo } from 'react';
import { useQuery } from '@apollo/client/react';
import { ListContextDocument } from '../../gql/graphql';

/**
 * The namespaces to offer and each registry source's domain. Until the API has `namespaces` and
 * `Repository.domain` (issue 12), both come from the caller's role bindings and the sources it can read.
 */
export function useListContext(extraNamespaces: Iterable<string> = []) {
  const { data } = useQuery(ListContextDocument);
  const registries = useMemo(() => data?.registries.edges.map((e) => e.node) ?? [], [data]);
  const domains = useMemo(() => {
    const map = new Map<string, string>();
    for (const r of registries) {
      map.set(`${r.namespace}/${r.name}`, r.domain);
    }
    return map;
  }, [registries]);
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
  return { namespaces, registries, domains };
}
