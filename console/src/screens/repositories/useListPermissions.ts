import { useEffect, useMemo, useState } from 'react';
import { useApolloClient, useQuery } from '@apollo/client/react';
import { CallerBindingsDocument, ListPermissionsDocument } from '../../gql/graphql';

export interface ListPermissions {
  canRead: boolean;
  canEdit: boolean;
  canDelete: boolean;
}

/** With 全部项目, also the namespaces of the caller's bindings where me.can allows EDIT (the create panel's default). */
export interface ToolbarPermissions extends ListPermissions {
  editableNamespaces: string[];
}

const NONE: ListPermissions = { canRead: false, canEdit: false, canDelete: false };

/** Each permission allowed where any of the answers allows it. */
export function anyOf(answers: Partial<ListPermissions>[]): ListPermissions {
  return {
    canRead: answers.some((a) => a.canRead),
    canEdit: answers.some((a) => a.canEdit),
    canDelete: answers.some((a) => a.canDelete),
  };
}

/**
 * What the list's toolbar may offer, decided by `me.can` as the gateway decides (never by reading roles):
 * in a namespace, `can(namespace, …)`. With 全部项目 (null), `can(null, …)` answers for a cluster-wide binding only;
 * a caller bound to some namespaces may still act in those (a batch's items each succeed or fail in their own
 * namespace, a YAML document goes to its own), so the toolbar offers an action when `can` allows it in null or in
 * any namespace the caller holds a binding in (the bindings only say where to ask; `can` decides). Each answer is
 * cached per namespace, shared with the row menus.
 */
export function useListPermissions(namespace: string | null): ToolbarPermissions {
  const client = useApolloClient();
  const { data } = useQuery(ListPermissionsDocument, { variables: { namespace } });
  const { data: bindings } = useQuery(CallerBindingsDocument, { skip: namespace !== null });
  const bound = useMemo(
    () =>
      namespace === null
        ? [...new Set((bindings?.me.roles ?? []).map((r) => r.namespace).filter((n): n is string => !!n))].sort()
        : [],
    [namespace, bindings],
  );
  const boundKey = bound.join(',');
  const [elsewhere, setElsewhere] = useState<{ key: string; answer: ListPermissions; editable: string[] } | null>(null);
  useEffect(() => {
    if (!boundKey) return;
    let current = true;
    Promise.all(
      boundKey.split(',').map((n) => client.query({ query: ListPermissionsDocument, variables: { namespace: n } })),
    )
      .then((results) => {
        if (!current) return;
        const answers = results.map((r) => r.data?.me ?? NONE);
        const names = boundKey.split(',');
        setElsewhere({ key: boundKey, answer: anyOf(answers), editable: names.filter((_, i) => answers[i].canEdit) });
      })
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, [client, boundKey]);
  const known = elsewhere && elsewhere.key === boundKey ? elsewhere : null;
  return { ...anyOf([data?.me ?? NONE, known?.answer ?? NONE]), editableNamespaces: known?.editable ?? [] };
}
