import { readFile } from 'node:fs/promises';
import type { APIRequestContext, Page } from '@playwright/test';
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

/** The names of the list's rows as drawn, top to bottom, of those matching the pattern. */
async function rowNames(page: Page, pattern: RegExp) {
  const rows = page.getByRole('table', { name: '镜像管理' }).last().getByRole('row');
  return (await rows.allTextContents()).map((text) => text.match(pattern)?.[0]).filter(Boolean);
}

// 创建时间 sorts by when each repository was added (orderBy CREATED), not by name; 「导出 YAML」 downloads the
// namespace as Repository documents which 「导入 YAML」 previews as 不变 for each (the round trip).
test('sort by 创建时间, export a namespace to YAML and preview it back as unchanged', async ({ page, request }) => {
  await graphql(request, `mutation($in: AddRegistryInput!) { addRegistry(input: $in) { name } }`, {
    in: { namespace: 'team-x', name: 'local-x', url: gateway.registryUrl, insecure: true },
  });
  // added one by one, in an order that is not the names' order
  for (const name of ['exp-c', 'exp-a', 'exp-b']) {
    await graphql(request, `mutation($in: AddRepositoryInput!) { addRepository(input: $in) { name } }`, {
      in: {
        namespace: 'team-x',
        name,
        displayName: `display ${name}`,
        registry: { name: 'local-x' },
        repository: 'library/nginx',
        tag: 'latest',
        syncInterval: '24h',
      },
    });
    await page.waitForTimeout(20);
  }

  await signIn(page);
  await page.goto('/repositories?namespace=team-x');
  await expect(page.getByText('已加载 3 / 共 3')).toBeVisible();
  const created = page.getByRole('columnheader', { name: '创建时间' });
  await created.click();
  await expect(page).toHaveURL(/sort=createdAt/);
  await expect.poll(() => rowNames(page, /exp-[abc]/)).toEqual(['exp-c', 'exp-a', 'exp-b']);
  await created.click();
  await expect(page).toHaveURL(/sort=createdAt&dir=desc/);
  await expect.poll(() => rowNames(page, /exp-[abc]/)).toEqual(['exp-b', 'exp-a', 'exp-c']);
  await expectAccessible(page, 'the list sorted by 创建时间');
  await page.mouse.move(0, 0); // no sorter tooltip in the picture
  await expect(page.getByRole('tooltip', { name: '取消排序' })).toBeHidden();
  await page.screenshot({ path: '../docs/console/repositories-by-created.png' });

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出 YAML' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^repositories-team-x-\d{8}-\d{6}\.yaml$/);
  const yaml = await readFile((await download.path())!, 'utf8');
  expect(yaml.match(/^kind: Repository$/gm)).toHaveLength(3);
  expect(yaml).toContain('display exp-a');

  await page.getByRole('button', { name: '导入 YAML' }).click();
  const dialog = page.getByRole('dialog', { name: '导入 YAML' });
  await dialog.locator('input[type=file]').setInputFiles({
    name: download.suggestedFilename(),
    mimeType: 'application/yaml',
    buffer: Buffer.from(yaml),
  });
  await expect(dialog.getByLabel('YAML 内容')).toHaveValue(yaml);
  await dialog.getByRole('button', { name: '预览' }).click();
  await expect(dialog.getByRole('status')).toHaveText('创建 0，更新 0，不变 3，失败 0');
  for (const name of ['exp-a', 'exp-b', 'exp-c']) {
    await expect(dialog.getByRole('row', { name: new RegExp(`team-x/${name}.*不变`) })).toBeVisible();
  }
  await dialog.getByRole('button', { name: '取消' }).click();

  // 全部项目: every namespace the caller may read, each document with its own namespace
  await page.getByRole('combobox', { name: '命名空间' }).click();
  await page.locator('.ant-select-item-option', { hasText: '全部项目' }).click();
  await expect(page).not.toHaveURL(/namespace=/);
  // the URL changes before the screen renders the new choice (the router's transition): wait for the button to
  // offer every namespace, or a quick click still exports team-x (seen once in CI)
  const exportAll = page.getByRole('button', { name: '导出 YAML' });
  await expect(exportAll).toHaveAttribute('title', /全部命名空间/);
  const downloadingAll = page.waitForEvent('download');
  await exportAll.click();
  const all = await downloadingAll;
  expect(all.suggestedFilename()).toMatch(/^repositories-all-namespaces-/);
  expect(await readFile((await all.path())!, 'utf8')).toMatch(/namespace: team-x/);
});

// An editor bound to one namespace keeps, under 全部项目, the buttons me.can allows in that namespace; a viewer
// exports but does not import.
test('全部项目 offers what me.can allows in the namespaces the caller is bound to', async ({ page, request }) => {
  const token = async (name: string, role: string) =>
    (
      await graphql(request, `mutation($in: CreateApiTokenInput!) { createApiToken(input: $in) { token } }`, {
        in: { name, roles: [{ namespace: 'team-d', role: 'VIEWER' }, { namespace: 'team-e', role }] },
      })
    ).createApiToken.token as string;
  await signIn(page, await token('e2e-editor-e', 'EDITOR'));
  await expect(page.getByText(/已加载 \d+ \/ 共 \d+/)).toBeVisible();
  for (const name of ['添加镜像', '导入 YAML', '导出 YAML', '同步选中']) {
    await expect(page.getByRole('button', { name })).toBeVisible();
  }
  await expect(page.getByRole('button', { name: '删除选中' })).toHaveCount(0);
  // the create panel starts in the namespace the editor may add to (not team-d, first by name, read only)
  await page.getByRole('button', { name: '添加镜像' }).click();
  await expect(page.getByRole('dialog', { name: '添加镜像' }).getByLabel('命名空间')).toHaveValue('team-e');
  await page.keyboard.press('Escape');

  await page.getByRole('button', { name: '退出登录' }).click();
  await signIn(page, await token('e2e-viewer-e', 'VIEWER'));
  await expect(page.getByRole('button', { name: '导出 YAML' })).toBeVisible();
  for (const name of ['添加镜像', '导入 YAML', '同步选中', '删除选中']) {
    await expect(page.getByRole('button', { name })).toHaveCount(0);
  }
});
