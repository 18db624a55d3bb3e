import { describe, expect, it } from 'vitest';
import { createCache } from '../../api/client';
import { RegistriesDocument, type RegistryHealthChangedSubscription, type RegistryRowFragment } from '../../gql/graphql';
import { applyRegistryHealthEvent } from './liveHealth';

type HealthEvent = RegistryHealthChangedSubscription['registryHealthChanged'];

function row(name: string, extra: Partial<RegistryRowFragment> = {}): RegistryRowFragment {
  return {
    __typename: 'Registry',
    namespace: 'default',
    name,
    url: `https://${name}.example.com`,
    domain: `${name}.example.com`,
    insecure: false,
    description: null,
    username: null,
    hasCredentials: false,
    caCertificate: null,
    concurrencyLimit: 4,
    health: 'HEALTHY',
    healthDetail: `GET https://${name}.example.com/v2/ answered`,
    lastCheckedAt: '2026-12-01T09:00:00Z',
    unavailableSince: null,
    rateLimitedUntil: null,
    repositoryCount: 3,
    shared: false,
    updatedAt: '2026-12-01T08:00:00Z',
    ...extra,
  };
}

function cachedSources(rows: RegistryRowFragment[]) {
  const cache = createCache();
  cache.writeQuery({
    query: RegistriesDocument,
    variables: { first: 100 },
    data: {
      registries: {
        __typename: 'RegistryConnection',
        totalCount: rows.length,
        edges: rows.map((node) => ({ __typename: 'RegistryEdge' as const, node })),
        pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: 'end' },
      },
    },
  });
  const read = () => cache.readQuery({ query: RegistriesDocument, variables: { first: 100 } })!.registries.edges.map((e) => e.node);
  return { cache, read };
}

const down = (name: string, withSource = true): HealthEvent => ({
  __typename: 'RegistryHealthEvent',
  namespace: 'default',
  name,
  health: 'UNREACHABLE',
  healthDetail: `no answer from ${name}.example.com, or a server error`,
  at: '2026-12-01T10:00:00Z',
  registry: withSource
    ? {
        __typename: 'Registry',
        namespace: 'default',
        name,
        health: 'UNREACHABLE',
        healthDetail: `no answer from ${name}.example.com, or a server error`,
        lastCheckedAt: '2026-12-01T10:00:00Z',
        unavailableSince: '2026-12-01T10:00:00Z',
        rateLimitedUntil: null,
      }
    : null,
});

describe('a pushed health change in the cached 镜像源 rows', () => {
  it('sets the row of that source to what the gateway showed after the change, and only that row', () => {
    const { cache, read } = cachedSources([row('harbor'), row('quay')]);
    applyRegistryHealthEvent(cache, down('harbor'));
    const [harbor, quay] = read();
    expect(harbor).toMatchObject({
      health: 'UNREACHABLE',
      healthDetail: 'no answer from harbor.example.com, or a server error',
      lastCheckedAt: '2026-12-01T10:00:00Z',
      unavailableSince: '2026-12-01T10:00:00Z',
      // what the event does not carry stays as the list read it
      url: 'https://harbor.example.com',
      repositoryCount: 3,
    });
    expect(quay).toEqual(row('quay'));
  });

  it('takes the event health when the source came without (removed meanwhile)', () => {
    const { cache, read } = cachedSources([row('harbor')]);
    applyRegistryHealthEvent(cache, down('harbor', false));
    expect(read()[0]).toMatchObject({ health: 'UNREACHABLE', healthDetail: 'no answer from harbor.example.com, or a server error' });
  });

  it('leaves a source that is not on the screen out of the cache', () => {
    const { cache, read } = cachedSources([row('harbor')]);
    applyRegistryHealthEvent(cache, down('elsewhere'));
    applyRegistryHealthEvent(cache, down('gone', false));
    expect(read()).toEqual([row('harbor')]);
    expect(Object.keys(cache.extract())).not.toContain('Registry:{"namespace":"default","name":"elsewhere"}');
    expect(Object.keys(cache.extract())).not.toContain('Registry:{"namespace":"default","name":"gone"}');
  });
});
