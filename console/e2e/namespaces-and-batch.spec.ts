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

// Namespace switch and batch delete with the typed count, on repositories added through the API.
test('switch to a namespace, select what is loaded, delete it by typing the count', async ({ page, request }) => {
  await graphql(
    request,
    `mutation($in: AddRegistryInput!) { addRegistry(input: $in) { name } }`,
    { in: { namespace: 'team-a', name: 'local-a', url: gateway.registryUrl, insecure: true } },
  );
  const items = ['app-1', 'app-2', 'app-3'].map((name) => ({
    namespace: 'team-a',
    name,
    registry: { name: 'local-a' },
    repository: 'library/nginx',
    tag: 'latest',
  }));
  const added = await graphql(request, `mutation($in: [AddRepositoryInput!]!) { addRepositories(input: $in) { succeeded } }`, {
    in: items,
  });
  expect(added.addRepositories.succeeded).toBe(3);

  await signIn(page);
  const namespace = page.getByRole('combobox', { name: '命名空间' });
  await namespace.click();
  // each namespace with how many repositories it holds
  await expect(page.locator('.ant-select-item-option', { hasText: 'team-a（3）' })).toBeVisible();
  await page.getByRole('option', { name: 'team-a' }).or(page.locator('.ant-select-item-option', { hasText: 'team-a' })).last().click();
  await expect(page).toHaveURL(/namespace=team-a/);
  await expect(page.getByText('已加载 3 / 共 3')).toBeVisible();
  for (const item of items) {
    await expect(page.getByRole('row', { name: new RegExp(item.name) })).toBeVisible();
  }

  await page.getByRole('checkbox', { name: '全选已加载' }).check();
  await page.getByRole('button', { name: '删除选中' }).click();
  const dialog = page.getByRole('dialog', { name: '删除选中的镜像' });
  await expect(dialog.getByText('请输入删除数量 3 以确认')).toBeVisible();
  const confirm = dialog.getByRole('button', { name: '确定' });
  await dialog.getByLabel('删除数量').fill('2');
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel('删除数量').fill('3');
  await expectAccessible(page, 'the batch delete dialog');
  await confirm.click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText('已加载 0 / 共 0')).toBeVisible();
  await expect(page.getByRole('row', { name: /app-1/ })).toBeHidden();
});

// A VIEWER sees the list but not the buttons it may not press (me.can).
test('a viewer does not see 添加镜像, 同步选中 or 删除选中', async ({ page, request }) => {
  const created = await graphql(
    request,
    `mutation($in: CreateApiTokenInput!) { createApiToken(input: $in) { token } }`,
    { in: { name: 'e2e-viewer', roles: [{ namespace: 'team-v', role: 'VIEWER' }] } },
  );
  await signIn(page, created.createApiToken.token);
  await page.goto('/repositories?namespace=team-v');
  await expect(page.getByText('已加载 0 / 共 0')).toBeVisible();
  await expect(page.getByRole('button', { name: '未同步 0' })).toBeVisible();
  for (const name of ['添加镜像', '同步选中', '删除选中']) {
    await expect(page.getByRole('button', { name })).toHaveCount(0);
  }
});

// Infinite scroll: pages of 50 arrive as the list is scrolled, with the count and, at the end, the end notice; then
// the status filter, sorting by 名称, and deleting all that match (more than are loaded) by typing the count.
test('scroll through 130 repositories page by page', async ({ page, request }) => {
  await graphql(
    request,
    `mutation($in: AddRegistryInput!) { addRegistry(input: $in) { name } }`,
    { in: { namespace: 'bulk', name: 'local-b', url: gateway.registryUrl, insecure: true } },
  );
  const items = Array.from({ length: 130 }, (_, i) => ({
    namespace: 'bulk',
    name: `img-${String(i).padStart(3, '0')}`,
    registry: { name: 'local-b' },
    repository: 'library/nginx',
    tag: 'latest',
    syncInterval: '24h',
  }));
  const added = await graphql(request, `mutation($in: [AddRepositoryInput!]!) { addRepositories(input: $in) { succeeded } }`, {
    in: items,
  });
  expect(added.addRepositories.succeeded).toBe(130);

  await signIn(page);
  await page.goto('/repositories?namespace=bulk');
  await expect(page.getByText('已加载 50 / 共 130')).toBeVisible();
  await expect(page.getByText('已全部加载')).toBeHidden();
  const list = page.getByRole('table', { name: '镜像管理' }).last();
  for (const loaded of [100, 130]) {
    await list.hover();
    await expect(async () => {
      await page.mouse.wheel(0, 3000);
      await expect(page.getByText(`已加载 ${loaded} / 共 130`)).toBeVisible({ timeout: 1000 });
    }).toPass({ timeout: 30_000 });
  }
  await expect(page.getByText('已全部加载')).toBeVisible();
  // the virtual list draws only the rows in view: the last one once scrolled to the end
  await expect(async () => {
    await page.mouse.wheel(0, 3000);
    await expect(page.getByRole('row', { name: /img-129/ })).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  await expect(page.getByRole('row', { name: /img-000/ })).toBeHidden();

  // a status count filters the list (none of these fails), and again shows all
  await page.getByRole('button', { name: /^同步失败 / }).click();
  await expect(page).toHaveURL(/status=FAILED/);
  await expect(page.getByText('已加载 0 / 共 0')).toBeVisible();
  await page.getByRole('button', { name: /^同步失败 / }).click();
  await expect(page.getByText(/已加载 \d+ \/ 共 130/)).toBeVisible();

  // sorted by 名称 descending, the list starts again from its first page at the other end
  const nameHeader = page.getByRole('columnheader', { name: '名称' });
  await nameHeader.click();
  // a person clicks again once the arrow shows ascending: a click before the first has applied sorts ascending again
  await expect(nameHeader).toHaveAttribute('aria-sort', 'ascending');
  await nameHeader.click();
  await expect(nameHeader).toHaveAttribute('aria-sort', 'descending');
  await expect(page).toHaveURL(/sort=name&dir=desc/);
  await expect(page.getByRole('row', { name: /img-129/ })).toBeVisible();
  await expect(page.getByText('已加载 50 / 共 130')).toBeVisible();

  // select all 130 matching, beyond the 50 loaded, and delete them by typing the count
  await page.getByRole('checkbox', { name: '全选已加载' }).check();
  await page.getByRole('button', { name: '选择全部 130 个匹配的镜像' }).click();
  await page.getByRole('button', { name: '删除选中' }).click();
  const dialog = page.getByRole('dialog', { name: '删除选中的镜像' });
  await dialog.getByLabel('删除数量').fill('130');
  await dialog.getByRole('button', { name: '确定' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText('已加载 0 / 共 0')).toBeVisible();
});
