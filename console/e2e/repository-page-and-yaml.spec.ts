import type { APIRequestContext } from '@playwright/test';
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

async function addSource(request: APIRequestContext, namespace: string, name: string) {
  await graphql(request, `mutation($in: AddRegistryInput!) { addRegistry(input: $in) { name } }`, {
    in: { namespace, name, url: gateway.registryUrl, insecure: true },
  });
}

// The repository page of a synced repository: 镜像清单's digest, 建议 MUTABLE_TAG for latest, the sync policy
// edited, and 「编辑信息」 meeting someone else's change (CONFLICT → 重新加载 → saved).
test('a repository page: manifest, advice, sync interval, edit with a conflict', async ({ page, request }) => {
  await addSource(request, 'detail', 'local-d');
  await graphql(request, `mutation($in: AddRepositoryInput!) { addRepository(input: $in) { name } }`, {
    in: { namespace: 'detail', name: 'nginx-latest', registry: { name: 'local-d' }, repository: 'library/nginx', tag: 'latest' },
  });
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
