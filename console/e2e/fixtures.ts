import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';

/** The gateway and registry that global-setup.ts started. */
export const gateway = {
  get url() {
    return process.env.E2E_BASE_URL!;
  },
  get registryUrl() {
    return process.env.E2E_REGISTRY_URL!;
  },
  get adminToken() {
    return process.env.E2E_ADMIN_TOKEN!;
  },
};

export const test = base.extend({
  // eslint-disable-next-line no-empty-pattern
  baseURL: async ({}, use) => use(gateway.url),
});

export { expect };

/**
 * No serious or critical accessibility violation on what the page shows (axe-core), once the transient
 * notices (antd's message toasts, gone after 3 s) have left: a toast caught fading in or out is half transparent,
 * and axe then measures a contrast that no one reads. `exclude`: selectors of third-party markup the console cannot
 * change (say why where it is used).
 */
export async function expectAccessible(page: Page, screen: string, exclude: string[] = []) {
  await expect(page.locator('.ant-message-notice')).toHaveCount(0, { timeout: 10_000 });
  // the screen at rest: not the hover colour of the button just clicked (the pointer stays on it), nor a transition
  // half way (axe once read 检查's hover text, light blue on white, mid-fade: a contrast failure of no resting state)
  await page.mouse.move(0, 0);
  await animationsDone(page);
  const results = await exclude.reduce((axe, selector) => axe.exclude(selector), new AxeBuilder({ page })).analyze();
  const bad = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(bad, `accessibility of ${screen}`).toEqual([]);
}

/**
 * Every transition and one-off animation on the page finished (a spinner, 同步中's icon, runs for ever and is left
 * out): a dialog caught in antd's zoom-in is a few pixels wide, and a click on its button then lands where the button
 * is not yet, with nothing to show for it.
 */
export async function animationsDone(page: Page) {
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((a) => Number.isFinite(Number(a.effect?.getComputedTiming().endTime)))
        .map((a) => a.finished.catch(() => undefined)),
    ),
  );
}

export async function signIn(page: Page, token = gateway.adminToken) {
  await page.goto('/');
  await expect(page).toHaveURL(/\/signin/);
  await page.getByLabel('API 令牌').fill(token);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await expect(page.getByRole('heading', { name: '镜像管理' })).toBeVisible();
}
