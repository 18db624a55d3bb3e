import { createServer, request as forward, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIRequestContext } from '@playwright/test';
import { awaitStoredAudit } from './api';
import { expectAccessible, expect, gateway, signIn, test } from './fixtures';

async function graphql(request: APIRequestContext, query: string, variables: Record<string, unknown> = {}) {
  const response = await request.post('/graphql', {
    headers: { Authorization: `Bearer ${gateway.adminToken}` },
    data: { query, variables },
  });
  const body = await response.json();
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data;
}

async function addSource(request: APIRequestContext, namespace: string, name: string, url = gateway.registryUrl) {
  await graphql(request, `mutation($in: AddRegistryInput!) { addRegistry(input: $in) { name } }`, {
    in: { namespace, name, url, insecure: true },
  });
}

/**
 * The test registry behind a proxy that can hold manifest requests: a sync then stays 同步中 until released, so
 * that the page can be seen showing the run's steps as they come.
 */
async function holdingProxy(target: string) {
  const upstream = new URL(target);
  let holding = false;
  const held: (() => void)[] = [];
  const server: Server = createServer((req, res) => {
    const pass = () => {
      const out = forward(
        { host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: { ...req.headers, host: upstream.host } },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      out.on('error', () => res.destroy());
      req.pipe(out);
    };
    if (holding && req.url?.includes('/manifests/')) held.push(pass);
    else pass();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hold: () => {
      holding = true;
    },
    release: () => {
      holding = false;
      held.splice(0).forEach((pass) => pass());
    },
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

/** Syncs now and waits until that run has ended (a sync asked while one is open joins it). */
async function syncAndWait(request: APIRequestContext, namespace: string, name: string) {
  const { triggerSync } = await graphql(request, `mutation($ns: String!, $n: String!) { triggerSync(namespace: $ns, name: $n) { id } }`, {
    ns: namespace,
    n: name,
  });
  await expect
    .poll(async () => {
      const data = await graphql(request, `query($ns: String!, $n: String!) { repository(namespace: $ns, name: $n) { syncHistory(first: 1) { edges { node { id status } } } } }`, {
        ns: namespace,
        n: name,
      });
      const newest = data.repository.syncHistory.edges[0]?.node;
      return newest?.id === triggerSync.id ? newest.status : 'waiting';
    })
    .toMatch(/SUCCESS|FAILED/);
}

// The repository page of a synced repository: 镜像清单's digest, 建议 MUTABLE_TAG for latest, the sync policy
// edited, and 「编辑信息」 meeting someone else's change (CONFLICT → 重新加载 → saved).
test('a repository page: manifest, advice, sync interval, edit with a conflict', async ({ page, request }) => {
  await addSource(request, 'detail', 'local-d');
  await graphql(request, `mutation($in: AddRepositoryInput!) { addRepository(input: $in) { name } }`, {
    in: { namespace: 'detail', name: 'nginx-latest', registry: { name: 'local-d' }, repository: 'library/nginx', tag: 'latest' },
  });
  // 审计 shows the history the page read when it opened (read again only when a run it watched ends): the add's
  // entry is stored first
  await awaitStoredAudit(request, { namespace: 'detail', targetName: 'nginx-latest', actions: ['repository.added'] }, 1);
  await signIn(page);
  await page.goto('/repositories/detail/nginx-latest');
  const heading = page.getByRole('heading', { name: /nginx-latest/ });
  await expect(heading.getByText('已同步')).toBeVisible({ timeout: 30_000 });

  await page.getByRole('tab', { name: '镜像清单' }).click();
  const panel = page.getByRole('tabpanel', { name: '镜像清单' });
  await expect(panel.getByText(/^sha256:[0-9a-f]{64}$/).first()).toBeVisible();
  await expect(panel.getByText('层', { exact: true })).toBeVisible();
  await expectAccessible(page, 'the repository page (镜像清单)');
  await page.screenshot({ path: '../docs/console/repository-manifest.png', fullPage: true });

  await page.getByRole('tab', { name: '建议' }).click();
  await expect(page).toHaveURL(/tab=advisories/);
  const advice = page.getByRole('row', { name: /MUTABLE_TAG/ });
  await expect(advice.getByText('提示')).toBeVisible();
  await page.getByRole('tab', { name: '依赖关系' }).click();
  await page.getByRole('tab', { name: '审计' }).click();
  await expect(page.getByRole('cell', { name: 'repository.added' })).toBeVisible();
  await expectAccessible(page, 'the repository page (审计)');

  // 同步设置: a value out of range is refused on its field, a recommended one is saved
  await page.getByRole('button', { name: '同步设置' }).click();
  const policy = page.getByRole('dialog', { name: /同步设置/ });
  await policy.getByLabel('同步间隔').fill('30s');
  await policy.getByRole('button', { name: '保存' }).click();
  await expect(policy.getByText('应在 1m – 720h 之间')).toBeVisible();
  await policy.getByLabel('同步间隔').fill('30m');
  await expectAccessible(page, 'the sync policy dialog');
  await policy.getByRole('button', { name: '保存' }).click();
  await expect(policy).toBeHidden();
  await page.getByRole('tab', { name: '基本信息' }).click();
  await expect(page.getByRole('cell', { name: '30m', exact: true })).toBeVisible();

  // 编辑信息 while someone else changes the repository: CONFLICT, reload, save
  await page.getByRole('button', { name: '编辑信息' }).click();
  const edit = page.getByRole('dialog', { name: /编辑信息/ });
  await graphql(request, `mutation($in: EditRepositoryMetadataInput!) { editRepositoryMetadata(input: $in) { version } }`, {
    in: { namespace: 'detail', name: 'nginx-latest', displayName: 'Changed elsewhere' },
  });
  await edit.getByLabel('显示名称').fill('Nginx 最新版本');
  await edit.getByRole('button', { name: '保存' }).click();
  await expect(edit.getByRole('alert')).toContainText('该镜像已被他人修改');
  await edit.getByRole('button', { name: '重新加载' }).click();
  await expect(edit.getByLabel('显示名称')).toHaveValue('Changed elsewhere');
  await edit.getByLabel('显示名称').fill('Nginx 最新版本');
  await edit.getByRole('button', { name: '保存' }).click();
  await expect(edit).toBeHidden();
  await expect(page.getByRole('heading', { name: /Nginx 最新版本/ })).toBeVisible();
});

// 导入 YAML: the document's examples 1 and 3 (in a namespace of their own): the preview says 创建 twice and
// changes nothing; the import adds both to the list; a second preview says 不变.
test('import two repositories from YAML: preview, then apply', async ({ page, request }) => {
  await addSource(request, 'yaml', 'harbor-prod');
  await addSource(request, 'yaml', 'dockerhub-public');
  const yaml = `apiVersion: image.theriseunion.io/v1alpha1
kind: Repository
metadata:
  name: nginx-latest
  namespace: yaml
  annotations:
    theriseunion.io/display-name: "Nginx 最新版本"
    theriseunion.io/description: "Nginx web 服务器最新版本"
spec:
  repository: "library/nginx"
  tag: "latest"
  registryRef:
    name: harbor-prod
    namespace: "yaml"
  syncInterval: "1h"
---
apiVersion: image.theriseunion.io/v1alpha1
kind: Repository
metadata:
  name: redis-multiarch
  namespace: yaml
  annotations:
    theriseunion.io/display-name: "Redis 多架构版本"
    theriseunion.io/description: "支持 amd64 和 arm64 架构的 Redis"
spec:
  repository: "library/redis"
  tag: "7-alpine"
  registryRef:
    name: dockerhub-public
    namespace: "yaml"
  syncInterval: "12h"
`;
  await signIn(page);
  await page.goto('/repositories?namespace=yaml');
  await expect(page.getByText('已加载 0 / 共 0')).toBeVisible();
  await page.getByRole('button', { name: '导入 YAML' }).click();
  const dialog = page.getByRole('dialog', { name: '导入 YAML' });
  await dialog.getByLabel('YAML 内容').fill(yaml);
  await dialog.getByRole('button', { name: '预览' }).click();
  await expect(dialog.getByRole('status')).toHaveText('创建 2，更新 0，不变 0，失败 0');
  await expect(dialog.getByRole('row', { name: /nginx-latest.*创建/ })).toBeVisible();
  await expect(dialog.getByRole('row', { name: /redis-multiarch.*创建/ })).toBeVisible();
  await expect(page.getByText('已加载 0 / 共 0')).toBeVisible();
  await expectAccessible(page, 'the YAML import dialog');
  await page.screenshot({ path: '../docs/console/import-yaml.png' });

  await dialog.getByRole('button', { name: '导入' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText('已加载 2 / 共 2')).toBeVisible();
  await expect(page.getByRole('row', { name: /redis-multiarch/ })).toBeVisible();

  await page.getByRole('button', { name: '导入 YAML' }).click();
  await dialog.getByLabel('YAML 内容').fill(yaml);
  await dialog.getByRole('button', { name: '预览' }).click();
  await expect(dialog.getByRole('status')).toHaveText('创建 0，更新 0，不变 2，失败 0');
});

// 立即同步 shows the run step by step without a reload (held at 同步中 by the proxy, then 已同步); 同步历史 and 审计
// load more than their first pages; a failed sync's advice for its code (NOT_FOUND), its run live again; 「删除」
// with the typed name goes back to the list without the repository.
test('a repository page: the run live, load more, a failed sync’s advice, delete by typed name', async ({ page, request }) => {
  const proxy = await holdingProxy(gateway.registryUrl);
  try {
    await addSource(request, 'live', 'held', proxy.url);
    await addSource(request, 'live', 'local-l');
    for (const [name, registry, tag] of [['nginx-live', 'held', 'latest'], ['redis-missing', 'local-l', 'no-such-tag']]) {
      await graphql(request, `mutation($in: AddRepositoryInput!) { addRepository(input: $in) { name } }`, {
        in: { namespace: 'live', name, registry: { name: registry }, repository: `library/${name.split('-')[0]}`, tag, retryCount: 0 },
      });
    }
    for (const name of ['nginx-live', 'redis-missing']) {
      await expect
        .poll(async () => (await graphql(request, `query($n: String!) { repository(namespace: "live", name: $n) { syncStatus } }`, { n: name })).repository.syncStatus)
        .toMatch(/SUCCESS|FAILED/);
    }
    // 21 runs in all, so that 同步历史 (20 a page) and 审计 (50 a page) have more to load
    for (let i = 0; i < 20; i++) await syncAndWait(request, 'live', 'nginx-live');

    await signIn(page);
    await page.goto('/repositories/live/nginx-live');
    await expect(page.getByRole('heading', { name: /nginx-live/ }).getByText('已同步')).toBeVisible({ timeout: 30_000 });
    let navigations = 0;
    page.on('framenavigated', () => (navigations += 1));

    proxy.hold();
    await page.getByRole('button', { name: '立即同步' }).click();
    const run = page.getByRole('status', { name: /本次同步/ });
    await expect(run).toHaveText('同步中');
    proxy.release();
    await expect(run).toHaveText('已同步');
    await expect(page.getByText(/尝试 1 次/)).toBeVisible();
    expect(navigations, 'the page was not reloaded').toBe(0);

    await page.getByRole('tab', { name: '同步历史' }).click();
    const history = page.getByRole('tabpanel', { name: '同步历史' });
    await expect(history.getByText('已加载 20 / 共 22')).toBeVisible();
    await history.getByRole('button', { name: '加载更多' }).click();
    await expect(history.getByText('已加载 22 / 共 22')).toBeVisible();
    await expect(history.getByText('已全部加载')).toBeVisible();
    await page.getByRole('tab', { name: '审计' }).click();
    const audit = page.getByRole('tabpanel', { name: '审计' });
    await expect(audit.getByText(/^已加载 50 \/ 共 \d+$/)).toBeVisible();
    await audit.getByRole('button', { name: '加载更多' }).press('Enter');
    await expect(audit.getByText('已全部加载')).toBeVisible();
    await expect(audit.getByText('repository.added')).toBeVisible();

    // the failed one: its code's advice, and a new run shown live to its failure
    await page.goto('/repositories/live/redis-missing');
    await expect(page.getByText('同步失败：NOT_FOUND')).toBeVisible({ timeout: 30_000 });
    await expect(page.getByText(/镜像路径不存在：/)).toBeVisible();
    await expect(page.getByText('确认镜像路径和标签是否正确')).toBeVisible();
    await page.getByRole('button', { name: '立即同步' }).click();
    await expect(page.getByRole('status', { name: /本次同步/ })).toHaveText('同步失败 · NOT_FOUND');
    await expectAccessible(page, 'a failed sync with its advice');
    await page.screenshot({ path: '../docs/console/repository-failed-sync.png', fullPage: true });

    await page.getByRole('button', { name: '删除' }).click();
    const dialog = page.getByRole('dialog', { name: '删除镜像 redis-missing' });
    const typed = dialog.getByLabel('请输入镜像名称 redis-missing 以确认');
    const ok = dialog.getByRole('button', { name: '删除' });
    await typed.fill('redis');
    await expect(ok).toBeDisabled();
    await expectAccessible(page, 'the delete dialog');
    await typed.fill('redis-missing');
    await typed.press('Enter');
    await expect(page).toHaveURL(/\/repositories\?namespace=live$/);
    await expect(page.getByText('已加载 1 / 共 1')).toBeVisible();
    await expect(page.getByRole('row', { name: /nginx-live/ })).toBeVisible();
    await expect(page.getByRole('row', { name: /redis-missing/ })).toBeHidden();
  } finally {
    proxy.release();
    await proxy.close();
  }
});
