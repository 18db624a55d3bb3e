import type { APIRequestContext } from '@playwright/test';
import { expect, gateway } from './fixtures';
import { freePort } from './processes';

/** One GraphQL request as the admin; fails the test on any error. */
export async function graphql(request: APIRequestContext, query: string, variables: Record<string, unknown> = {}) {
  const response = await request.post(`${gateway.url}/graphql`, {
    headers: { Authorization: `Bearer ${gateway.adminToken}` },
    data: { query, variables },
  });
  const body = await response.json();
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data;
}

/**
 * Waits until the gateway's stored audit log holds `count` entries of `filter`. The stored log is written by its own
 * processor, up to ~100 ms after the events (gateway.projections.gather; seconds on a loaded machine), and
 * an audit screen reads it once when opened: an entry stored later reaches it only live, from a subscription that a
 * screen opened after the event never saw.
 */
export async function awaitStoredAudit(request: APIRequestContext, filter: Record<string, unknown>, count: number) {
  await expect
    .poll(async () => {
      const data = await graphql(request, `query($f: AuditLogFilter!) { auditLog(filter: $f, first: 0) { totalCount } }`, { f: filter });
      return data.auditLog.totalCount as number;
    }, { message: `stored audit entries of ${JSON.stringify(filter)}`, timeout: 30_000 })
    .toBe(count);
}

/**
 * `count` repositories in `namespace` (名称 img-00000 …), added by addRepositories in batches of 500, from a source
 * on a closed loopback port: their syncs fail at once, nothing is pulled.
 */
export async function addManyRepositories(request: APIRequestContext, namespace: string, count: number) {
  const port = await freePort();
  await graphql(request, `mutation($in: AddRegistryInput!) { addRegistry(input: $in) { name } }`, {
    in: { namespace, name: 'closed', url: `http://127.0.0.1:${port}`, insecure: true },
  });
  for (let from = 0; from < count; from += 500) {
    const items = Array.from({ length: Math.min(500, count - from) }, (_, i) => ({
      namespace,
      name: `img-${String(from + i).padStart(5, '0')}`,
      registry: { name: 'closed' },
      repository: 'library/nginx',
      tag: 'latest',
      syncInterval: '24h',
    }));
    const added = await graphql(
      request,
      `mutation($in: [AddRepositoryInput!]!) { addRepositories(input: $in) { succeeded } }`,
      { in: items },
    );
    expect(added.addRepositories.succeeded).toBe(items.length);
  }
}

/** Deletes every repository of `namespace` (the other journeys' lists stay as they expect). */
export async function deleteNamespaceRepositories(request: APIRequestContext, namespace: string, count: number) {
  const deleted = await graphql(
    request,
    `mutation($f: RepositoryFilterInput!, $n: Int!) { deleteRepositories(filter: $f, confirmCount: $n) { succeeded } }`,
    { f: { namespace }, n: count },
  );
  expect(deleted.deleteRepositories.succeeded).toBe(count);
}
