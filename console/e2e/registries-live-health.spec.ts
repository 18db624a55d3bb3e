import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { graphql } from './api';
import { expect, gateway, signIn, test } from './fixtures';
import { freePort } from './processes';

/** The test registry comes up on a formerly refused loopback port: each connection there is relayed to it. */
async function registryComesUpOn(port: number, registry: URL) {
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = createConnection(Number(registry.port), registry.hostname);
    sockets.add(client);
    sockets.add(upstream);
    const end = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    for (const socket of [client, upstream]) {
      socket.on('error', end);
      socket.on('close', end);
    }
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    close: () =>
      new Promise<void>((resolve) => {
        sockets.forEach((s) => s.destroy());
        server.close(() => resolve());
      }),
  };
}

const SOURCE = 'query($ns: String!, $name: String!) { registry(namespace: $ns, name: $name) { health } }';

// 镜像源 live: a source on a closed loopback port shows 无法连接 (with its pause); once the docker-registry answers
// there, the gateway's next probe finds it and the row turns 正常 on the open screen: pushed by registryHealthChanged,
// with no reload, no 「刷新」 and no new read of the list.
test('镜像源: a source coming up turns 正常 on the open screen without a reload', async ({ page, request }) => {
  const ns = 'sources-live';
  const name = `returning-${Date.now().toString(36)}`;
  const port = await freePort();
  await graphql(request, 'mutation($in: AddRegistryInput!) { addRegistry(input: $in) { name } }', {
    in: { namespace: ns, name, url: `http://127.0.0.1:${port}`, insecure: true },
  });
  // the check right after the add finds nothing there
  await expect
    .poll(async () => (await graphql(request, SOURCE, { ns, name })).registry.health, { timeout: 30_000 })
    .toBe('UNREACHABLE');

  let listReads = 0;
  page.on('request', (r) => {
    if (r.method() === 'POST' && r.url().endsWith('/graphql') && (r.postData() ?? '').includes('"operationName":"Registries"')) {
      listReads += 1;
    }
  });
  await signIn(page);
  await page.getByRole('link', { name: '镜像源' }).click();
  await expect(page.getByRole('heading', { name: '镜像源' })).toBeVisible();
  const row = page.getByRole('row').filter({ hasText: name });
  await expect(row).toContainText('无法连接');
  await expect(row).toContainText('起不可用，同步暂停');
  const readsBefore = listReads;
  expect(readsBefore).toBeGreaterThan(0);

  const registry = await registryComesUpOn(port, new URL(gateway.registryUrl));
  try {
    // unavailable sources are probed every 10 s (gateway.sync.circuit.probe-interval)
    await expect(row).toContainText('正常', { timeout: 40_000 });
    await expect(row).not.toContainText('无法连接');
    await expect(row).not.toContainText('起不可用');
    await expect(row).toContainText(`GET http://127.0.0.1:${port}/v2/ answered`);
    expect(listReads, 'the list was not read again').toBe(readsBefore);
  } finally {
    await registry.close();
    await graphql(request, 'mutation($ns: String!, $name: String!) { deleteRegistry(namespace: $ns, name: $name) { deleted } }', { ns, name });
  }
});
