import type { Locator, Page } from '@playwright/test';
import { expect, gateway } from './fixtures';

/** Moves the focus with Tab (or Shift+Tab) until `target` holds it: how a keyboard user gets there. */
export async function tabTo(page: Page, target: Locator, key: 'Tab' | 'Shift+Tab' = 'Tab') {
  await target.waitFor();
  for (let i = 0; i < 80; i++) {
    if (await target.evaluate((element) => element === document.activeElement || element.contains(document.activeElement))) {
      return;
    }
    await page.keyboard.press(key);
  }
  throw new Error(`${String(target)} not reached by ${key}`);
}

/** Signs in by keyboard alone: the token field has the focus, the token typed, Enter. */
export async function signInByKeyboard(page: Page, path = '/') {
  await page.goto(path);
  await expect(page).toHaveURL(/\/signin/);
  await expect(page.getByLabel('API 令牌')).toBeFocused();
  await page.keyboard.type(gateway.adminToken);
  await page.keyboard.press('Enter');
}

/**
 * The element has the focus, and shows it: an outline or a focus ring (box-shadow), not only a colour change; on
 * `ringOn` where the component draws it around the focused element (a range picker's box around its two inputs).
 */
export async function expectVisibleFocus(target: Locator, ringOn: Locator = target) {
  await expect(target).toBeFocused();
  const ring = await ringOn.evaluate((element) => {
    const style = getComputedStyle(element);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
    return outline || style.boxShadow !== 'none';
  });
  expect(ring, `${String(target)} shows where the focus is`).toBe(true);
}
