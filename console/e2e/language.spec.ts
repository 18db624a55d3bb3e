import { expect, signIn, test } from './fixtures';

// Simplified Chinese by default; English on demand, remembered in the browser; sign-out ends the session.
test('switch to English and back, then sign out', async ({ page }) => {
  await signIn(page);
  await page.getByRole('combobox', { name: '语言' }).click();
  await page.locator('.ant-select-item-option', { hasText: 'English' }).click();
  await expect(page.getByRole('heading', { name: 'Repositories' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Add image' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Repositories' })).toBeVisible();
  await page.getByRole('combobox', { name: 'Language' }).click();
  await page.locator('.ant-select-item-option', { hasText: '简体中文' }).click();
  await expect(page.getByRole('heading', { name: '镜像管理' })).toBeVisible();

  await page.getByRole('button', { name: '退出登录' }).click();
  await expect(page).toHaveURL(/\/signin/);
  await page.goto('/registries');
  await expect(page).toHaveURL(/\/signin\?next=%2Fregistries/);
});
