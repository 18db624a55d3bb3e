import { describe, expect, it } from 'vitest';
import { createCache } from './client';
import { AuditLogDocument, type AuditRowFragment } from '../gql/graphql';

const entry = (id: string): AuditRowFragment => ({
  __typename: 'AuditEntry',
  id,
  at: '2026-12-02T10:00:00Z',
  actor: 'admin',
  action: 'apitoken.created',
  targetKind: 'API_TOKEN',
  targetId: id,
  namespace: null,
  targetName: id,
  details: {},
  correlationId: null,
  clientAddress: null,
  userAgent: null,
});

function page(ids: string[], liveCursor: string, hasNextPage: boolean) {
  return {
    auditLog: {
      __typename: 'AuditEntryConnection' as const,
      edges: ids.map((id) => ({ __typename: 'AuditEntryEdge' as const, cursor: `c-${id}`, node: entry(id) })),
      pageInfo: { __typename: 'PageInfo' as const, hasNextPage, endCursor: `c-${ids[ids.length - 1]}` },
      totalCount: 4,
      liveCursor,
    },
  };
}

describe('the audit log in the cache', () => {
  const filter = { actor: 'admin' };

  it('joins a later page to the first and keeps the first read’s liveCursor, which the live feed follows from', () => {
    const cache = createCache();
    cache.writeQuery({ query: AuditLogDocument, variables: { filter, first: 2 }, data: page(['e4', 'e3'], 'head-1', true) });
    cache.writeQuery({
      query: AuditLogDocument,
      variables: { filter, first: 2, after: 'c-e3' },
      data: page(['e2', 'e1'], 'head-2', false),
    });

    const list = cache.readQuery({ query: AuditLogDocument, variables: { filter, first: 2 } })!.auditLog;
    expect(list.edges.map((e) => e.node.id)).toEqual(['e4', 'e3', 'e2', 'e1']);
    expect(list.liveCursor).toBe('head-1');
  });

  it('takes the liveCursor of a first page read again (a refetch after the connection came back)', () => {
    const cache = createCache();
    cache.writeQuery({ query: AuditLogDocument, variables: { filter, first: 2 }, data: page(['e4', 'e3'], 'head-1', true) });
    cache.writeQuery({ query: AuditLogDocument, variables: { filter, first: 2 }, data: page(['e5', 'e4'], 'head-2', true) });

    const list = cache.readQuery({ query: AuditLogDocument, variables: { filter, first: 2 } })!.auditLog;
    expect(list.edges.map((e) => e.node.id)).toEqual(['e5', 'e4']);
    expect(list.liveCursor).toBe('head-2');
  });
});
