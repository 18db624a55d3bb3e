import { expectAccessible, expect, gateway, signIn, test } from './fixtures';

// The create panel's help (issue 12's API): 镜像仓库 and 镜像标签 offered from the chosen 镜像源 (the real
// docker-registry's catalogue and tags), 「检查」 showing the tag's digest, and a wrong tag's suggested tags (FAQ Q1)
// filling 镜像标签 with a click. Nothing is created: the other journeys' lists stay as they expect them.
test('the create panel offers repositories and tags, and 检查 finds the digest or suggests tags', async ({ page, request }) => {
  const response = await request.post('/graphql', {
    headers: { Authorization: `Bearer ${gateway.adminToken}` },
    data: {
      query: `mutation($in: AddRegistryInput!) { addRegistry(input: $in) { name } }`,
      variables: { in: { namespace: 'pick', name: 'pick-src', url: gateway.registryUrl, insecure: true } },
    },
  });
  expect((await response.json()).errors).toBeUndefined();
  await signIn(page);

  await page.getByRole('button', { name: '添加镜像' }).click();
  const drawer = page.getByRole('dialog', { name: '添加镜像' });
  const dropdown = page.locator('.ant-select-dropdown:visible');
  await drawer.getByLabel('名称', { exact: true }).fill('nginx-pick');
  await drawer.getByLabel('命名空间').fill('pick');
  await drawer.getByLabel('镜像源').fill('pick-src');
  await page.keyboard.press('Enter');

  // the source's catalogue and the chosen repository's tags are offered
  await drawer.getByLabel('镜像仓库').click();
  await expect(dropdown.locator('.ant-select-item-option', { hasText: 'library/redis' })).toBeVisible();
  await dropdown.locator('.ant-select-item-option', { hasText: 'library/nginx' }).click();
  await expect(drawer.getByLabel('镜像仓库')).toHaveValue('library/nginx');
  await drawer.getByLabel('镜像标签').click();
  await dropdown.locator('.ant-select-item-option', { hasText: 'latest' }).click();
  await expect(drawer.getByLabel('镜像标签')).toHaveValue('latest');

  // 检查: the source answers and the tag's digest is shown
  await drawer.getByRole('button', { name: '检查' }).click();
  const result = drawer.getByRole('status', { name: '检查结果' });
  await expect(result.getByText(/^sha256:[0-9a-f]{64}$/)).toBeVisible();
  await expect(result.getByText('可访问 (HEALTHY)')).toBeVisible();
  await expectAccessible(page, 'the create panel with a check');

  // a wrong tag: the tags that exist are suggested, and one click fills 镜像标签 and checks again
  await drawer.getByLabel('镜像标签').fill('lates');
  await drawer.getByLabel('名称', { exact: true }).focus();
  await drawer.getByRole('button', { name: '检查' }).click();
  await expect(result.getByText('该标签不存在，可用的标签：')).toBeVisible();
  await result.getByRole('button', { name: 'latest' }).click();
  await expect(drawer.getByLabel('镜像标签')).toHaveValue('latest');
  await expect(result.getByText(/^sha256:[0-9a-f]{64}$/)).toBeVisible();
  await page.screenshot({ path: '../docs/console/create-panel-check.png' });
});
