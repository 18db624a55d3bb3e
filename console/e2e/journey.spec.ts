import { expectAccessible, expect, gateway, signIn, test } from './fixtures';

// The first journey of issue 13: sign in with the admin token, add a registry source, add a repository and watch
// its status change live, search. Elements are found by role and by the product document's labels.
test('sign in, add a source and a repository, watch it sync live, search', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/signin/);
  await expectAccessible(page, 'sign-in');
  await signIn(page);
  await expectAccessible(page, 'the repository list (empty)');

  // 镜像源: add the test registry
  await page.getByRole('link', { name: '镜像源' }).click();
  await expect(page.getByRole('heading', { name: '镜像源' })).toBeVisible();
  await page.getByRole('button', { name: '添加镜像源' }).click();
  const source = page.getByRole('dialog', { name: '添加镜像源' });
  await source.getByLabel('名称').fill('local');
  await source.getByLabel('地址').fill(gateway.registryUrl);
  await source.getByLabel('允许 HTTP（不安全）').check();
  await source.getByRole('button', { name: '确定' }).click();
  await expect(source).toBeHidden();
  await expect(page.getByRole('cell', { name: 'local', exact: true })).toBeVisible();
  await expectAccessible(page, 'registry sources');

  // 镜像管理: add a repository from it
  await page.getByRole('link', { name: '镜像管理' }).click();
  await expect(page.getByRole('heading', { name: '镜像管理' })).toBeVisible();
  await expect(page.getByText('已加载 0 / 共 0')).toBeVisible();
  // from here on the list must change by live events alone: count the list queries sent
  let listQueries = 0;
  page.on('request', (request) => {
    if (request.url().endsWith('/graphql') && (request.postData() ?? '').includes('"operationName":"Repositories"')) {
      listQueries += 1;
    }
  });
  await page.getByRole('button', { name: '添加镜像' }).click();
  const drawer = page.getByRole('dialog', { name: '添加镜像' });
  await drawer.getByLabel('名称', { exact: true }).fill('nginx-latest');
  await drawer.getByLabel('显示名称').fill('Nginx 最新版本');
  await drawer.getByLabel('描述').fill('Nginx web 服务器');
  await drawer.getByLabel('镜像源').fill('local');
  await page.keyboard.press('Enter');
  await drawer.getByLabel('镜像仓库').fill('library/nginx');
  await drawer.getByLabel('镜像标签').fill('latest');
  await drawer.getByLabel('同步间隔').fill('1h');
  await drawer.getByLabel('名称', { exact: true }).focus();
  await expect(page.locator('.ant-select-dropdown:visible')).toHaveCount(0);
  await expectAccessible(page, 'the create panel');
  await drawer.getByRole('button', { name: '确定' }).click();
  await expect(drawer).toBeHidden();

  // the row arrives and its status moves to 已同步 without a reload (subscriptions into the cache)
  const row = page.getByRole('row', { name: /nginx-latest/ });
  await expect(row).toBeVisible();
  await expect(row.getByText('Nginx 最新版本')).toBeVisible();
  await expect(row.getByText('library/nginx:latest')).toBeVisible();
  await expect(row.getByText('已同步')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText('已加载 1 / 共 1')).toBeVisible();
  await expect(page.getByText('已全部加载')).toBeVisible();

  // a tag that does not exist: the row shows 同步失败, again live
  await page.getByRole('button', { name: '添加镜像' }).click();
  await drawer.getByLabel('名称', { exact: true }).fill('redis-missing');
  await drawer.getByLabel('镜像源').fill('local');
  await page.keyboard.press('Enter');
  await drawer.getByLabel('镜像仓库').fill('library/redis');
  await drawer.getByLabel('镜像标签').fill('no-such-tag');
  await drawer.getByRole('button', { name: '确定' }).click();
  await expect(drawer).toBeHidden();
  const failed = page.getByRole('row', { name: /redis-missing/ });
  await expect(failed.getByText('同步失败')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText('已加载 2 / 共 2')).toBeVisible();
  expect(listQueries, 'list queries sent after the first page').toBe(0);
  await expectAccessible(page, 'the repository list');
  await page.screenshot({ path: '../docs/console/repositories.png' });

  // the failed one's page says why, with the document's advice (FAQ Q1)
  await failed.getByRole('link', { name: 'redis-missing' }).click();
  await expect(page.getByText('同步失败：NOT_FOUND')).toBeVisible();
  await expect(page.getByText('确认镜像路径和标签是否正确')).toBeVisible();
  await expectAccessible(page, 'a failed repository');
  await page.getByRole('link', { name: '返回列表' }).click();

  // search over name, alias and path
  const search = page.getByRole('searchbox', { name: '搜索' }).or(page.getByLabel('搜索')).first();
  await search.fill('最新');
  await expect(row).toBeVisible();
  await search.fill('no-such-image');
  await expect(page.getByText('已加载 0 / 共 0')).toBeVisible();
  await expect(row).toBeHidden();
  await search.fill('');

  // a deep link opens the repository's page
  await page.goto('/repositories/default/nginx-latest');
  await expect(page.getByRole('heading', { name: /Nginx 最新版本/ })).toBeVisible();
  await expect(page.getByRole('tab', { name: '基本信息' })).toBeVisible();
  await expectAccessible(page, 'the repository page');
});
