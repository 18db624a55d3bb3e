import { readFile } from 'node:fs/promises';
import { addManyRepositories, deleteNamespaceRepositories, graphql } from './api';
import { expectAccessible, expect, test } from './fixtures';
import { expectVisibleFocus, signInByKeyboard, tabTo } from './keyboard';

const NAMESPACE = 'kb-list';

const yaml = ['kb-yaml-1', 'kb-yaml-2']
  .map(
    (name) => `apiVersion: image.theriseunion.io/v1alpha1
kind: Repository
metadata:
  name: ${name}
  namespace: ${NAMESPACE}
spec:
  repository: "library/nginx"
  tag: "latest"
  registryRef:
    name: closed
    namespace: "${NAMESPACE}"
  syncInterval: "24h"
`,
  )
  .join('---\n');

// Keyboard only (page.keyboard, no clicks; the focus found by Tab and the arrows): a row's 「⋯」 menu (查看详情 …
// opened with Enter, the arrows, Escape back to 「⋯」; 编辑信息 saved; 立即同步; 删除 by the typed name), the
// toolbar (rows selected with Space, 同步选中, 删除选中 with the typed count), 导入 YAML (paste, 预览, 导入) and a
// repository's page opened from the menu (同步设置 closed by Escape). After
// each dialog the focus is back where the user was, or on the list / the heading when that row is gone.
test('keyboard only: the row menu, the toolbar and 导入 YAML', async ({ page, request }) => {
  await addManyRepositories(request, NAMESPACE, 4);
  await signInByKeyboard(page, `/repositories?namespace=${NAMESPACE}`);
  await expect(page.getByText('已加载 4 / 共 4')).toBeVisible();

  // 「⋯」: Enter opens it with the first item focused, the arrows move, Escape closes it back on 「⋯」
  const more = page.getByRole('button', { name: '更多操作 img-00000' });
  await tabTo(page, more);
  await expectVisibleFocus(more);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('menuitem', { name: '查看详情' })).toBeFocused();
  await expect(more).toHaveAttribute('aria-expanded', 'true');
  await expectAccessible(page, 'a row’s 「⋯」 menu, open');
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('menuitem', { name: '立即同步' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('menuitem', { name: '立即同步' })).toBeHidden();
  await expect(more).toBeFocused();

  // 编辑信息, saved; the focus back on 「⋯」
  await page.keyboard.press('Enter');
  await expect(page.getByRole('menuitem', { name: '查看详情' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('menuitem', { name: '编辑信息' })).toBeFocused();
  await page.keyboard.press('Enter');
  const edit = page.getByRole('dialog', { name: '编辑信息: img-00000' });
  await tabTo(page, edit.getByLabel('显示名称'));
  await page.keyboard.type('键盘改名');
  await tabTo(page, edit.getByRole('button', { name: '保存' }));
  await page.keyboard.press('Enter');
  await expect(edit).toBeHidden();
  await expect(more).toBeFocused();
  await expect(page.getByRole('row', { name: /img-00000/ })).toContainText('键盘改名');

  // 立即同步 by Space: the menu closes, the focus is back on 「⋯」, the sync is asked for (one more audit entry). Counted
  // in the repository's own history (this img-00000, not one of an earlier run), once the request its creation made
  // is stored: the stored log follows the events by up to ~100 ms, more on a loaded machine
  const syncRequests = async () => {
    const data = await graphql(
      request,
      `query($ns: String!) { repository(namespace: $ns, name: "img-00000") { history(first: 50) { edges { node { action } } } } }`,
      { ns: NAMESPACE },
    );
    return (data.repository.history.edges as { node: { action: string } }[])
      .filter((e) => e.node.action === 'repository.sync.requested').length;
  };
  await expect.poll(syncRequests).toBe(1);
  const before = 1;
  await page.keyboard.press('Space');
  await expect(page.getByRole('menuitem', { name: '查看详情' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Space');
  await expect(page.getByRole('menuitem', { name: '立即同步' })).toBeHidden();
  await expect(more).toBeFocused();
  await expect.poll(syncRequests).toBe(before + 1);

  // 删除 (End reaches it) by the typed name; the row gone, the focus on the list
  const last = page.getByRole('button', { name: '更多操作 img-00003' });
  await tabTo(page, last);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('menuitem', { name: '查看详情' })).toBeFocused();
  await page.keyboard.press('End');
  await expect(page.getByRole('menuitem', { name: '删除' })).toBeFocused();
  await page.keyboard.press('Enter');
  const remove = page.getByRole('dialog', { name: '删除镜像 img-00003' });
  await expect(remove.getByRole('textbox')).toBeFocused();
  await page.keyboard.type('img-00003');
  await page.keyboard.press('Enter');
  await expect(remove).toBeHidden();
  await expect(page.getByText('已加载 3 / 共 3')).toBeVisible();
  await expect(page.getByRole('table', { name: '镜像管理' })).toBeFocused();
  await expectVisibleFocus(page.getByRole('table', { name: '镜像管理' }));

  // the toolbar: a row selected with Space, 同步选中; then all loaded, 删除选中 by the typed count
  const pick = page.getByRole('checkbox', { name: '选择 img-00001' });
  await tabTo(page, pick);
  await page.keyboard.press('Space');
  await expect(pick).toBeChecked();
  const syncSelected = page.getByRole('button', { name: '同步选中' });
  await tabTo(page, syncSelected, 'Shift+Tab');
  await expectVisibleFocus(syncSelected);
  await page.keyboard.press('Enter');
  await expect(page.getByText('已请求同步 1 个镜像')).toBeVisible();
  await expect(syncSelected).toBeFocused();
  const all = page.getByRole('checkbox', { name: '全选已加载' });
  await tabTo(page, all, 'Shift+Tab');
  await page.keyboard.press('Space');
  await expect(all).toBeChecked();
  await tabTo(page, page.getByRole('button', { name: '删除选中' }));
  await page.keyboard.press('Enter');
  const batch = page.getByRole('dialog', { name: '删除选中的镜像' });
  await tabTo(page, batch.getByLabel('删除数量'));
  await page.keyboard.type('3');
  await page.keyboard.press('Enter');
  await expect(batch).toBeHidden();
  await expect(page.getByText('已加载 0 / 共 0')).toBeVisible();
  await expect(page.getByRole('heading', { name: '镜像管理' })).toBeFocused();

  // 导入 YAML: pasted, 预览, 导入; the focus back on 导入 YAML, the two rows in the list
  const importButton = page.getByRole('button', { name: '导入 YAML' });
  await tabTo(page, importButton);
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: '导入 YAML' });
  await tabTo(page, dialog.getByLabel('YAML 内容'));
  await page.keyboard.insertText(yaml);
  await tabTo(page, dialog.getByRole('button', { name: '预览' }));
  await page.keyboard.press('Enter');
  await expect(dialog.getByRole('status')).toHaveText('创建 2，更新 0，不变 0，失败 0');
  await tabTo(page, dialog.getByRole('button', { name: '导入', exact: true }));
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(importButton).toBeFocused();
  await expect(page.getByText('已加载 2 / 共 2')).toBeVisible();
  await expect(page.getByRole('row', { name: /kb-yaml-2/ })).toBeVisible();

  // 导出 YAML (beside 导入 YAML) by Enter: the namespace's two repositories downloaded, the focus kept on the button
  const exportButton = page.getByRole('button', { name: '导出 YAML' });
  await tabTo(page, exportButton);
  await expectVisibleFocus(exportButton);
  const download = page.waitForEvent('download');
  await page.keyboard.press('Enter');
  const exported = await download;
  expect(exported.suggestedFilename()).toMatch(new RegExp(`^repositories-${NAMESPACE}-\\d{8}-\\d{6}\\.yaml$`));
  const text = await readFile((await exported.path())!, 'utf8');
  expect(text.match(/^kind: Repository$/gm)).toHaveLength(2);
  expect(text).toMatch(/name: kb-yaml-1$/m);
  expect(text).toMatch(/name: kb-yaml-2$/m);
  await expect(exportButton).toBeFocused();

  // 查看详情 from the menu opens the repository's page; 同步设置 closed by Escape gives the focus back to its button
  await tabTo(page, page.getByRole('button', { name: '更多操作 kb-yaml-2' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('menuitem', { name: '查看详情' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/repositories/${NAMESPACE}/kb-yaml-2`));
  const policy = page.locator('.page-header').getByRole('button', { name: '同步设置' });
  await tabTo(page, policy);
  await page.keyboard.press('Enter');
  const policyDialog = page.getByRole('dialog', { name: '同步设置: kb-yaml-2' });
  await expect(policyDialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(policyDialog).toBeHidden();
  await expect(policy).toBeFocused();

  await deleteNamespaceRepositories(request, NAMESPACE, 2);
});
