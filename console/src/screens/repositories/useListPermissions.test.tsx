import { describe, expect, it } from 'vitest';
import { renderHook, waitFor } from '@testing-library/react';
import { MockedProvider } from '@apollo/client/testing/react';
import type { ReactNode } from 'react';
import { createCache } from '../../api/client';
import { CallerBindingsDocument, ListPermissionsDocument } from '../../gql/graphql';
import { useListPermissions } from './useListPermissions';

const can = (namespace: string | null, canRead: boolean, canEdit: boolean, canDelete: boolean) => ({
  request: { query: ListPermissionsDocument, variables: { namespace } },
  result: { data: { me: { __typename: 'Caller', canRead, canEdit, canDelete } } },
});
const bindings = {
  request: { query: CallerBindingsDocument },
  result: {
    data: {
      me: {
        __typename: 'Caller',
        roles: [
          { __typename: 'RoleBinding', namespace: 'team-a', role: 'EDITOR' },
          { __typename: 'RoleBinding', namespace: 'team-b', role: 'VIEWER' },
        ],
      },
    },
  },
};

function wrapper(mocks: unknown[]) {
  return ({ children }: { children: ReactNode }) => (
    <MockedProvider mocks={mocks as never} cache={createCache()}>
      {children}
    </MockedProvider>
  );
}

describe('useListPermissions', () => {
  it('in a namespace answers what me.can answers there', async () => {
    const { result } = renderHook(() => useListPermissions('team-b'), {
      wrapper: wrapper([can('team-b', true, false, false)]),
    });
    await waitFor(() => expect(result.current.canRead).toBe(true));
    expect(result.current).toEqual({ canRead: true, canEdit: false, canDelete: false, editableNamespaces: [] });
  });

  it('with 全部项目 offers what me.can allows in any namespace the caller is bound to', async () => {
    const { result } = renderHook(() => useListPermissions(null), {
      wrapper: wrapper([
        can(null, false, false, false),
        bindings,
        can('team-a', true, true, false),
        can('team-b', true, false, false),
      ]),
    });
    await waitFor(() => expect(result.current.canEdit).toBe(true));
    expect(result.current).toEqual({ canRead: true, canEdit: true, canDelete: false, editableNamespaces: ['team-a'] });
  });

  it('with 全部项目 and a cluster-wide binding answers me.can(null, …)', async () => {
    const clusterAdmin = {
      request: { query: CallerBindingsDocument },
      result: { data: { me: { __typename: 'Caller', roles: [{ __typename: 'RoleBinding', namespace: null, role: 'ADMIN' }] } } },
    };
    const { result } = renderHook(() => useListPermissions(null), {
      wrapper: wrapper([can(null, true, true, true), clusterAdmin]),
    });
    await waitFor(() => expect(result.current.canDelete).toBe(true));
  });
});
