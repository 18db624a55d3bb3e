import type { Locator, Page } from '@playwright/test';
import { deleteNamespaceRepositories, graphql } from './api';
import { expectAccessible, expect, gateway, test } from './fixtures';

/** Moves the focus with Tab (or Shift+Tab) until `target` holds it: how a keyboard user gets there. */
async function tabTo(page: Page, target: Locator, key: 'Tab' | 'Shift+Tab' = 'Tab') {
  for (let i = 0; i < 60; i++) {
    if (await target.evaluate((element) => element === document.activeElement || element.contains(document.activeElement))) {
      return;
    }
    await page.keyboard.press(key);
  }
  throw new Error(`${String(target)} not reached by ${key}`);
}

async function screenshot(page: Page, name: string, fullPage = false) {
  await expect(page.locator('.ant-message-notice')).toHaveCount(0, { timeout: 10_000 });
  await page.screenshot({ path: `../docs/console/${name}.png`, fullPage });
}

// Keyboard only, no mouse: sign in, open the create panel, fill it, save, open the new repository. Then the
// screenshots of the screens docs/console.md shows (sign-in, the repository page's tabs, 镜像源, 审计日志, 访问令牌).
test('keyboard only: sign in, add a repository, open it; screenshots of every screen', async ({ page, request }) => {
  test.setTimeout(150_000);
  await graphql(request, `mutation($in: AddRegistryInput!) { addRegistry(input: $in) { name } }`, {
    in: { namespace: 'keyboard', name: 'kb-local', url: gateway.registryUrl, insecure: true },
  });

  await page.goto('/');
  await expect(page).toHaveURL(/\/signin/);
  const token = page.getByLabel('API 令牌');
  await expect(token).toBeFocused();
  await screenshot(page, 'sign-in');
  await page.keyboard.type(gateway.adminToken);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: '镜像管理' })).toBeVisible();

  await tabTo(page, page.getByRole('button', { name: '添加镜像' }));
  await page.keyboard.press('Enter');
  const drawer = page.getByRole('dialog', { name: '添加镜像' });
  await expect(drawer).toBeVisible();
  await tabTo(page, drawer.getByLabel('名称', { exact: true }));
  await page.keyboard.type('kb-nginx');
  await tabTo(page, drawer.getByLabel('显示名称'));
  await page.keyboard.type('键盘添加');
  await tabTo(page, drawer.getByLabel('命名空间'));
  await page.keyboard.type('keyboard');
  // (no Escape: with no suggestion open it would close the panel)
  await tabTo(page, drawer.getByLabel('描述'));
  await page.keyboard.type('added by keyboard alone');
  await tabTo(page, drawer.getByLabel('镜像源'));
  await page.keyboard.type('kb-local');
  await expect(page.locator('.ant-select-item-option', { hasText: 'kb-local' })).toBeVisible();
  await page.keyboard.press('Enter');
  await tabTo(page, drawer.getByLabel('镜像仓库'));
  await page.keyboard.type('library/nginx');
  await tabTo(page, drawer.getByLabel('镜像标签'));
  await page.keyboard.type('latest');
  await tabTo(page, drawer.getByRole('button', { name: '确定' }));
  await page.keyboard.press('Enter');
  await expect(drawer).toBeHidden();

  const link = page.getByRole('link', { name: 'kb-nginx' });
  await expect(link).toBeVisible();
  await tabTo(page, link);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/repositories\/keyboard\/kb-nginx/);
  await expect(page.getByText('已同步').first()).toBeVisible({ timeout: 60_000 });

  // the repository page, one screenshot per tab
  const tabs: [string, string][] = [
    ['基本信息', 'repository-basic'],
    ['同步历史', 'repository-history'],
    ['依赖关系', 'repository-dependencies'],
    ['标签', 'repository-tags'],
    ['建议', 'repository-advice'],
    ['审计', 'repository-audit'],
  ];
  for (const [name, file] of tabs) {
    await page.getByRole('tab', { name, exact: true }).click();
    await expect(page.getByRole('tab', { name, exact: true })).toHaveAttribute('aria-selected', 'true');
    await page.waitForLoadState('networkidle');
    await screenshot(page, file, true);
  }

  await page.getByRole('link', { name: '镜像源' }).click();
  await expect(page.getByRole('cell', { name: 'kb-local', exact: true })).toBeVisible();
  await screenshot(page, 'registries');
  await page.getByRole('link', { name: '审计日志' }).click();
  await expect(page.getByText(/已加载 \d+ \/ 共 \d+/)).toBeVisible();
  await screenshot(page, 'audit-log');
  await page.getByRole('link', { name: '访问令牌' }).click();
  await expect(page.getByRole('button', { name: '创建令牌' })).toBeVisible();
  await page.waitForLoadState('networkidle');
  await screenshot(page, 'tokens');
  await expectAccessible(page, '访问令牌');

  await deleteNamespaceRepositories(request, 'keyboard', 1);
});
