import { readFile } from 'node:fs/promises';
import { awaitStoredAudit } from './api';
import { expectAccessible, expect, gateway, signIn, test } from './fixtures';

// 访问令牌: create one (the secret shown once, with its warning), revoke it after a confirmation; 审计日志 filtered
// by action (and the token's name) shows the creation and the revocation, with the total.
test('create and revoke a token; the audit log filtered by action shows both', async ({ page, request }) => {
  const name = `e2e-token-${Date.now().toString(36)}`;
  // a token that expires during the test: listed until revoked, marked 已过期
  const expiring = `e2e-expiring-${Date.now().toString(36)}`;
  const made = await request.post('/graphql', {
    headers: { Authorization: `Bearer ${gateway.adminToken}` },
    data: {
      query: 'mutation($in: CreateApiTokenInput!) { createApiToken(input: $in) { name } }',
      variables: { in: { name: expiring, roles: [{ namespace: 'tokens', role: 'VIEWER' }], expiresAt: new Date(Date.now() + 1500).toISOString() } },
    },
  });
  expect((await made.json()).errors).toBeUndefined();
  await signIn(page);
  await page.goto('/tokens');
  await expect(page.getByRole('heading', { name: '访问令牌' })).toBeVisible();
  await expectAccessible(page, '访问令牌');

  await page.getByRole('button', { name: '创建令牌' }).click();
  const dialog = page.getByRole('dialog', { name: '创建令牌' });
  await dialog.getByLabel('名称').fill(name);
  // the namespace is a choice: 全部命名空间, the namespaces listed, or a typed one that holds nothing yet
  await dialog.getByLabel('命名空间 1').fill('tokens');
  await expect(page.getByText('tokens（新命名空间）')).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('listbox')).toHaveCount(0);
  await expectAccessible(page, 'the create token dialog');
  await dialog.getByRole('button', { name: '创建', exact: true }).click();

  const shown = page.getByRole('dialog', { name: `令牌 ${name} 已创建` });
  await expect(shown.getByText('令牌只显示这一次')).toBeVisible();
  await expect(shown.getByLabel('令牌', { exact: true })).toHaveValue(/.{16,}/);
  await expect(shown.getByRole('button', { name: '复制' })).toBeVisible();
  await shown.getByRole('button', { name: '我已保存' }).click();
  await expect(shown).toBeHidden();

  const row = page.getByRole('row').filter({ hasText: name });
  await expect(row).toContainText('VIEWER · tokens');
  await expect(row).not.toContainText('已过期');
  await expect(page.getByRole('row').filter({ hasText: expiring })).toContainText('已过期');
  await expect(page.getByText(/令牌只显示这一次/)).toHaveCount(0);

  // the audit log, filtered by the two actions, before the revocation (the screen reads the stored log once opened:
  // the creation's entry is stored first)
  const tokenEntries = { targetName: name, actions: ['apitoken.created', 'apitoken.revoked'] };
  await awaitStoredAudit(request, tokenEntries, 1);
  await page.getByRole('menuitem', { name: '审计日志' }).click();
  await expect(page.getByRole('heading', { name: '审计日志' })).toBeVisible();
  await page.getByLabel('操作', { exact: true }).fill('apitoken.created, apitoken.revoked');
  await page.getByLabel('对象名称').fill(name);
  await expect(page.getByText('已加载 1 / 共 1')).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: 'apitoken.created' })).toContainText(name);
  await expectAccessible(page, '审计日志');

  await page.getByRole('menuitem', { name: '访问令牌' }).click();
  await page.getByRole('button', { name: `撤销 ${name}` }).click();
  await page.getByRole('dialog').getByRole('button', { name: '撤销', exact: true }).click();
  await expect(page.getByRole('row').filter({ hasText: name })).toHaveCount(0);

  await awaitStoredAudit(request, tokenEntries, 2);
  await page.getByRole('menuitem', { name: '审计日志' }).click();
  await page.getByLabel('操作', { exact: true }).fill('apitoken.created apitoken.revoked');
  await page.getByLabel('对象名称').fill(name);
  await expect(page.getByText('已加载 2 / 共 2')).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: 'apitoken.revoked' })).toContainText(name);
  await expect(page.getByRole('row').filter({ hasText: 'apitoken.created' })).toContainText(name);

  // live: a token someone else creates meanwhile appears in the filtered list without a reload
  const other = `${name}-live`;
  await page.getByLabel('对象名称').fill(other);
  await expect(page.getByText('已加载 0 / 共 0')).toBeVisible();
  const created = await request.post('/graphql', {
    headers: { Authorization: `Bearer ${gateway.adminToken}` },
    data: {
      query: 'mutation($in: CreateApiTokenInput!) { createApiToken(input: $in) { name } }',
      variables: { in: { name: other, roles: [{ namespace: 'tokens', role: 'VIEWER' }] } },
    },
  });
  expect((await created.json()).errors).toBeUndefined();
  await expect(page.getByText('已加载 1 / 共 1')).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: 'apitoken.created' })).toContainText(other);

  // the NDJSON export (fetched with the token) asks for the screen's filters and holds exactly the listed entries
  await page.getByLabel('对象名称').fill(name);
  await expect(page.getByText('已加载 2 / 共 2')).toBeVisible();
  const download = page.waitForEvent('download');
  const asked = page.waitForRequest((r) => r.url().includes('/audit/export'));
  await page.getByRole('button', { name: '导出 NDJSON' }).click();
  const query = new URL((await asked).url()).searchParams;
  expect(query.getAll('actions')).toEqual(['apitoken.created', 'apitoken.revoked']);
  expect(query.get('targetName')).toBe(name);
  const file = await (await download).path();
  const lines = (await readFile(file, 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  expect(lines.map((l) => `${String(l.action)} ${String(l.targetName)}`)).toEqual([
    `apitoken.created ${name}`,
    `apitoken.revoked ${name}`,
  ]);
});
