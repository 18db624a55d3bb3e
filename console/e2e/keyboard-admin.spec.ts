import { readFile } from 'node:fs/promises';
import { awaitStoredAudit } from './api';
import { expectAccessible, expect, gateway, test } from './fixtures';
import { expectVisibleFocus, signInByKeyboard, tabTo } from './keyboard';

// Keyboard only (page.keyboard, no clicks; the focus found by Tab and the arrows), through the navigation: 镜像源
// (添加镜像源, then 编辑 and 删除 from the source's 「⋯」 menu), 审计日志 (filtered, the edit's entry opened) and 访问令牌
// (创建令牌, the secret shown once, 撤销). After each drawer or dialog the focus is back where the user was, or on
// the heading when the row it was on is gone.
test('keyboard only: 镜像源, 审计日志, 访问令牌', async ({ page, request }) => {
  const source = `kb-src-${Date.now().toString(36)}`;
  const token = `kb-token-${Date.now().toString(36)}`;
  await signInByKeyboard(page);
  await expect(page.getByRole('heading', { name: '镜像管理' })).toBeVisible();

  // 镜像源 → 添加镜像源
  await tabTo(page, page.getByRole('link', { name: '镜像源' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: '镜像源' })).toBeVisible();
  const add = page.getByRole('button', { name: '添加镜像源' });
  await tabTo(page, add);
  await expectVisibleFocus(add);
  await page.keyboard.press('Enter');
  const drawer = page.getByRole('dialog', { name: '添加镜像源' });
  await tabTo(page, drawer.getByLabel('命名空间', { exact: true }));
  await page.keyboard.type('kb-admin');
  await tabTo(page, drawer.getByLabel('名称', { exact: true }));
  await page.keyboard.type(source);
  await tabTo(page, drawer.getByLabel('地址', { exact: true }));
  await page.keyboard.type(gateway.registryUrl);
  await tabTo(page, drawer.getByLabel('允许 HTTP（不安全）'));
  await page.keyboard.press('Space');
  await expect(drawer.getByLabel('允许 HTTP（不安全）')).toBeChecked();
  await tabTo(page, drawer.getByLabel('描述', { exact: true }));
  await page.keyboard.type('added by keyboard');
  await tabTo(page, drawer.getByRole('button', { name: '确定' }));
  await page.keyboard.press('Enter');
  await expect(drawer).toBeHidden();
  await expect(add).toBeFocused();
  const row = page.getByRole('row').filter({ hasText: source });
  await expect(row).toContainText('added by keyboard');

  // 编辑 from the 「⋯」 menu (its first item); the focus back on 「⋯」
  const more = page.getByRole('button', { name: `更多操作 ${source}` });
  await tabTo(page, more);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('menuitem', { name: '编辑' })).toBeFocused();
  await expectAccessible(page, 'a source’s 「⋯」 menu, open');
  await page.keyboard.press('Enter');
  const edit = page.getByRole('dialog', { name: `编辑镜像源 ${source}` });
  await tabTo(page, edit.getByLabel('描述', { exact: true }));
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('edited by keyboard');
  await tabTo(page, edit.getByRole('button', { name: '保存' }));
  await page.keyboard.press('Enter');
  await expect(edit).toBeHidden();
  await expect(row).toContainText('edited by keyboard');
  await expect(more).toBeFocused();

  // 轮换 Webhook 密钥 (the second item): what it does, 轮换; then the URL and the secret, once, with their copy
  // buttons reached by Tab; Escape closes it with the focus back on 「⋯」
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: gateway.url });
  await page.keyboard.press('Enter');
  await expect(page.getByRole('menuitem', { name: '编辑' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('menuitem', { name: '轮换 Webhook 密钥' })).toBeFocused();
  await page.keyboard.press('Enter');
  const rotate = page.getByRole('dialog', { name: `轮换 Webhook 密钥：${source}` });
  await expect(rotate.getByText('旧密钥立即失效')).toBeVisible();
  const rotateOk = rotate.getByRole('button', { name: '轮换', exact: true });
  await tabTo(page, rotateOk);
  await expectVisibleFocus(rotateOk);
  await page.keyboard.press('Enter');
  await expect(rotate.getByText('新密钥只显示这一次')).toBeVisible();
  // the keyboard stays in the dialog, on the URL (not on the page's body behind it)
  await expect(rotate.getByLabel('Webhook 地址')).toBeFocused();
  const secret = await rotate.getByLabel('Webhook 密钥').inputValue();
  expect(secret.length).toBeGreaterThanOrEqual(16);
  const copyUrl = rotate.getByRole('button', { name: '复制地址' });
  await tabTo(page, copyUrl);
  await expectVisibleFocus(copyUrl);
  await page.keyboard.press('Enter');
  await expect(rotate.getByRole('button', { name: '已复制' })).toBeFocused();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${gateway.url}/webhooks/registry/kb-admin/${source}`);
  const copySecret = rotate.getByRole('button', { name: '复制密钥' });
  await tabTo(page, copySecret);
  await expectVisibleFocus(copySecret);
  await page.keyboard.press('Space');
  await expect(rotate.getByRole('button', { name: '已复制' })).toBeFocused();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
  await page.keyboard.press('Escape');
  await expect(rotate).toBeHidden();
  await expect(page.getByText(secret)).toHaveCount(0);
  await expect(more).toBeFocused();
  // what comes next (the removal) is stamped after this second: the time range below tells the two apart
  const boundary = Math.ceil((Date.now() + 1) / 1000) * 1000;
  await expect.poll(() => Date.now() >= boundary, { intervals: [50] }).toBe(true);

  // 删除 (End reaches it): the row gone, the focus on the screen's heading
  await page.keyboard.press('Enter');
  await expect(page.getByRole('menuitem', { name: '编辑' })).toBeFocused();
  await page.keyboard.press('End');
  await expect(page.getByRole('menuitem', { name: '删除' })).toBeFocused();
  await page.keyboard.press('Enter');
  const remove = page.getByRole('dialog', { name: `删除镜像源 ${source}？` });
  await tabTo(page, remove.getByRole('button', { name: '删除' }));
  await page.keyboard.press('Enter');
  await expect(remove).toBeHidden();
  await expect(row).toHaveCount(0);
  await expect(page.getByRole('heading', { name: '镜像源' })).toBeFocused();

  // 审计日志: filtered by 操作 and 对象名称, the edit's entry opened. The screen reads the stored log once opened, and
  // the removal was just made: its entry is stored first
  await awaitStoredAudit(request, { namespace: 'kb-admin', targetName: source, actions: ['registry.updated'] }, 1);
  await awaitStoredAudit(request, { namespace: 'kb-admin', targetName: source, actions: ['registry.webhook.rotated', 'registry.removed'] }, 2);
  await tabTo(page, page.getByRole('link', { name: '审计日志' }), 'Shift+Tab');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: '审计日志' })).toBeVisible();
  await tabTo(page, page.getByLabel('操作', { exact: true }));
  await page.keyboard.type('registry.updated');
  await tabTo(page, page.getByLabel('对象名称'));
  await page.keyboard.type(source);
  await expect(page.getByText('已加载 1 / 共 1')).toBeVisible();
  const show = page.getByRole('button', { name: `查看详情：registry.updated ${source}` });
  await tabTo(page, show);
  await expectVisibleFocus(show);
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('变更内容')).toContainText('edited by keyboard');
  await expect(page.getByRole('button', { name: `收起详情：registry.updated ${source}` })).toBeFocused();

  // 时间范围 typed into the range picker (start, Enter, end, Enter): the list narrows to the removal
  await tabTo(page, page.getByLabel('操作', { exact: true }), 'Shift+Tab');
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('registry.webhook.rotated registry.removed');
  await expect(page.getByText('已加载 2 / 共 2')).toBeVisible();
  const from = page.getByRole('textbox', { name: '时间范围' });
  await tabTo(page, from);
  await expectVisibleFocus(from, page.locator('.ant-picker-range').filter({ has: from }));
  await page.keyboard.type(new Date(boundary).toISOString().replace('T', ' ').slice(0, 19));
  await page.keyboard.press('Enter');
  const to = page.locator('.ant-picker-range').filter({ has: from }).locator('input').nth(1);
  await expect(to).toBeFocused();
  await page.keyboard.type('2099-12-31 23:59:59');
  await page.keyboard.press('Enter');
  await expect(page.getByText('已加载 1 / 共 1')).toBeVisible();
  await expect(page.getByRole('button', { name: `查看详情：registry.removed ${source}` })).toBeVisible();

  // 导出 NDJSON by Enter: the file holds the one listed entry
  const exportButton = page.getByRole('button', { name: '导出 NDJSON' });
  await tabTo(page, exportButton, 'Shift+Tab');
  await expectVisibleFocus(exportButton);
  const download = page.waitForEvent('download');
  await page.keyboard.press('Enter');
  const lines = (await readFile((await (await download).path())!, 'utf8')).trim().split('\n');
  expect(lines.map((line) => (JSON.parse(line) as { action: string }).action)).toEqual(['registry.removed']);
  await expect(exportButton).toBeFocused();

  // 访问令牌: 创建令牌, the secret shown once, then the focus back on 创建令牌; 撤销 after its confirmation
  await tabTo(page, page.getByRole('link', { name: '访问令牌' }), 'Shift+Tab');
  await page.keyboard.press('Enter');
  const create = page.getByRole('button', { name: '创建令牌' });
  await tabTo(page, create);
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: '创建令牌' });
  await tabTo(page, dialog.getByLabel('名称'));
  await page.keyboard.type(token);
  await tabTo(page, dialog.getByRole('button', { name: '创建', exact: true }));
  await page.keyboard.press('Enter');
  const shown = page.getByRole('dialog', { name: `令牌 ${token} 已创建` });
  await expect(shown.getByLabel('令牌', { exact: true })).toHaveValue(/.{16,}/);
  await tabTo(page, shown.getByRole('button', { name: '我已保存' }));
  await page.keyboard.press('Enter');
  await expect(shown).toBeHidden();
  await expect(create).toBeFocused();
  await expect(page.getByText('令牌只显示这一次')).toHaveCount(0);
  const revoke = page.getByRole('button', { name: `撤销 ${token}` });
  await tabTo(page, revoke);
  await expectVisibleFocus(revoke);
  await page.keyboard.press('Enter');
  const confirm = page.getByRole('dialog', { name: `撤销令牌 ${token}？` });
  await expect(confirm.getByRole('button', { name: '撤销', exact: true })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(revoke).toHaveCount(0);
  await expect(create).toBeFocused();
  await expectAccessible(page, '访问令牌 after a revocation');
});
