import type { APIRequestContext, Page } from '@playwright/test';
import { awaitStoredAudit } from './api';
import { animationsDone, expectAccessible, expect, gateway, signIn, test } from './fixtures';

async function graphql(request: APIRequestContext, query: string, variables: Record<string, unknown> = {}, token = gateway.adminToken) {
  const response = await request.post('/graphql', { headers: { Authorization: `Bearer ${token}` }, data: { query, variables } });
  const body = await response.json();
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data;
}

/** What a registry posts to the webhook with a secret: an empty CNCF notification envelope. */
async function notify(request: APIRequestContext, url: string, secret: string) {
  const response = await request.post(url, {
    headers: { Authorization: `Bearer ${secret}`, 'Content-Type': 'application/vnd.docker.distribution.events.v1+json' },
    data: { events: [] },
  });
  return response.status();
}

async function openAction(page: Page, source: string, action: '编辑' | '轮换 Webhook 密钥' | '删除') {
  await page.getByRole('button', { name: `更多操作 ${source}` }).click();
  await page.getByRole('menuitem', { name: action }).click();
  // the dialog or drawer it opens, at rest: a click on 删除 during the zoom-in once went to where the button was not
  await page.getByRole('dialog').last().waitFor();
  await animationsDone(page);
}

// 镜像源, end to end against the real gateway and docker-registry: add a source with a password, edit it (the
// password never shown, only 已设置; the edit clears it and the description changes while the rest stays), rotate its
// webhook secret (URL and secret shown once, the secret works at the webhook and is gone from the page after), try
// deleting it while a repository uses it (IN_USE, with the count), then delete it once unused. The edit's audit entry
// opens by keyboard to show what changed.
test('镜像源: add, edit, rotate the webhook secret, delete (refused while in use)', async ({ page, request }) => {
  const source = `src-${Date.now().toString(36)}`;
  const spare = `spare-${Date.now().toString(36)}`;
  await graphql(request, `mutation($in: AddRegistryInput!) { addRegistry(input: $in) { name } }`, {
    in: { namespace: 'sources', name: spare, url: gateway.registryUrl, insecure: true, description: 'spare source' },
  });
  await signIn(page);
  await page.getByRole('link', { name: '镜像源' }).click();
  await expect(page.getByRole('heading', { name: '镜像源' })).toBeVisible();

  // 添加镜像源, with credentials
  await page.getByRole('button', { name: '添加镜像源' }).click();
  const add = page.getByRole('dialog', { name: '添加镜像源' });
  await add.getByLabel('命名空间', { exact: true }).fill('sources');
  await add.getByLabel('名称', { exact: true }).fill(source);
  await add.getByLabel('地址', { exact: true }).fill(gateway.registryUrl);
  await add.getByLabel('允许 HTTP（不安全）').check();
  await add.getByLabel('用户名').fill('robot');
  await add.getByLabel('密码或令牌', { exact: true }).fill('first-password');
  await add.getByLabel('描述', { exact: true }).fill('the e2e source');
  await expectAccessible(page, 'the 添加镜像源 drawer');
  await add.getByRole('button', { name: '确定' }).click();
  await expect(add).toBeHidden();
  const row = page.getByRole('row').filter({ hasText: source });
  await expect(row).toContainText('the e2e source');
  await expect(row).toContainText('robot');
  await expect(row).toContainText('已设置');
  await expect(page.getByText('first-password')).toHaveCount(0);
  await expectAccessible(page, '镜像源');
  await page.screenshot({ path: '../docs/console/registries.png' });

  // 编辑: the password is never filled in; clearing it and the user name, changing the description
  await openAction(page, source, '编辑');
  const edit = page.getByRole('dialog', { name: `编辑镜像源 ${source}` });
  await expect(edit.getByLabel(/^密码或令牌/)).toHaveValue('');
  await expect(edit.getByText('已设置', { exact: true })).toBeVisible();
  await expect(edit.getByLabel('用户名')).toHaveValue('robot');
  await expectAccessible(page, 'the 编辑镜像源 drawer');
  await edit.getByLabel('描述', { exact: true }).fill('edited by the e2e test');
  await edit.getByLabel('用户名').fill('');
  await edit.getByLabel('清除已保存的密码或令牌').check();
  await expect(edit.getByLabel(/^密码或令牌/)).toBeDisabled();
  await edit.getByRole('button', { name: '保存' }).click();
  await expect(edit).toBeHidden();
  await expect(row).toContainText('edited by the e2e test');
  await expect(row).not.toContainText('已设置');
  // what was not touched stayed as it was
  const stored = await graphql(request, `query($ns: String!, $n: String!) { registry(namespace: $ns, name: $n) { url insecure username hasCredentials description } }`, {
    ns: 'sources',
    n: source,
  });
  expect(stored.registry).toEqual({ url: gateway.registryUrl, insecure: true, username: null, hasCredentials: false, description: 'edited by the e2e test' });

  // 轮换 Webhook 密钥: what it does first, then the URL and the secret, once
  await openAction(page, source, '轮换 Webhook 密钥');
  const rotate = page.getByRole('dialog', { name: `轮换 Webhook 密钥：${source}` });
  await expect(rotate.getByText('旧密钥立即失效')).toBeVisible();
  await expectAccessible(page, 'the rotation dialog before rotating');
  await rotate.getByRole('button', { name: '轮换' }).click();
  await expect(rotate.getByText('新密钥只显示这一次')).toBeVisible();
  const url = await rotate.getByLabel('Webhook 地址').inputValue();
  const secret = await rotate.getByLabel('Webhook 密钥').inputValue();
  expect(url).toBe(`${gateway.url}/webhooks/registry/sources/${source}`);
  expect(secret.length).toBeGreaterThanOrEqual(16);
  await expect(rotate.getByRole('button', { name: '复制地址' })).toBeVisible();
  await expect(rotate.getByRole('button', { name: '复制密钥' })).toBeVisible();
  await expectAccessible(page, 'the rotation dialog with the secret');
  // the screenshot shows a test value instead of the secret
  await rotate.getByLabel('Webhook 密钥').evaluate((input) => ((input as HTMLInputElement).value = 'whs_test-value-shown-in-the-docs-only'));
  await page.screenshot({ path: '../docs/console/registry-webhook.png' });
  expect(await notify(request, url, secret)).toBe(202);
  await rotate.getByRole('button', { name: '我已保存' }).click();
  await expect(rotate).toBeHidden();
  await expect(page.locator(`input[value="${secret}"]`)).toHaveCount(0);
  await expect(page.getByText(secret)).toHaveCount(0);
  // opened again, it shows no secret until rotated again; a new secret makes the old one stop working
  await openAction(page, source, '轮换 Webhook 密钥');
  await expect(rotate.getByLabel('Webhook 密钥')).toHaveCount(0);
  await rotate.getByRole('button', { name: '取消' }).click();
  await expect(rotate).toBeHidden();
  await graphql(request, `mutation { rotateRegistryWebhookSecret(namespace: "sources", name: "${source}") { secret } }`);
  expect(await notify(request, url, secret)).toBe(401);

  // 删除 while a repository uses it: refused, and the dialog says by how many and what to do
  await graphql(request, `mutation($in: AddRepositoryInput!) { addRepository(input: $in) { name } }`, {
    in: { namespace: 'sources', name: 'uses-src', registry: { name: source }, repository: 'library/nginx', tag: 'latest', syncInterval: '24h' },
  });
  await openAction(page, source, '删除');
  const remove = page.getByRole('dialog', { name: `删除镜像源 ${source}？` });
  await remove.getByRole('button', { name: '删除' }).click();
  await expect(remove.getByRole('alert')).toContainText(`无法删除：镜像源 ${source} 仍被 1 个镜像使用。`);
  await expect(remove.getByRole('alert')).toContainText('请先删除使用它的镜像');
  await expectAccessible(page, 'the delete dialog with the IN_USE refusal');
  await remove.getByRole('button', { name: '取消' }).click();
  await expect(remove).toBeHidden();

  // once unused it goes
  await graphql(request, `mutation { deleteRepository(namespace: "sources", name: "uses-src", confirmName: "uses-src") { deleted } }`);
  await openAction(page, source, '删除');
  await remove.getByRole('button', { name: '删除' }).click();
  await expect(remove).toBeHidden();
  await expect(row).toHaveCount(0);
  await expect(page.getByRole('row').filter({ hasText: spare })).toContainText('spare source');

  // 审计日志: the edit's entry, opened by keyboard, shows what changed and where the request came from (the screen
  // reads the stored log once opened: the entry is stored first)
  await awaitStoredAudit(request, { namespace: 'sources', targetName: source, actions: ['registry.updated'] }, 1);
  await page.getByRole('menuitem', { name: '审计日志' }).click();
  await page.getByLabel('操作', { exact: true }).fill('registry.updated');
  await page.getByLabel('对象名称').fill(source);
  await expect(page.getByText('已加载 1 / 共 1')).toBeVisible();
  const show = page.getByRole('button', { name: `查看详情：registry.updated ${source}` });
  await show.focus();
  await page.keyboard.press('Enter');
  const changes = page.getByLabel('变更内容');
  await expect(changes).toContainText('edited by the e2e test');
  await expect(changes).toContainText('"before": "the e2e source"');
  await expect(page.getByText('关联 ID')).toBeVisible();
  await expect(page.getByRole('button', { name: `收起详情：registry.updated ${source}` })).toHaveAttribute('aria-expanded', 'true');
  await expectAccessible(page, '审计日志 with an entry open');
});

// A VIEWER of the namespace sees its sources and their health, not 添加镜像源 nor a source's actions (me.can).
test('a viewer sees the sources without 添加镜像源, 编辑, 轮换 or 删除', async ({ page, request }) => {
  const name = `viewer-src-${Date.now().toString(36)}`;
  await graphql(request, `mutation($in: AddRegistryInput!) { addRegistry(input: $in) { name } }`, {
    in: { namespace: 'sources-v', name, url: gateway.registryUrl, insecure: true },
  });
  const created = await graphql(request, `mutation($in: CreateApiTokenInput!) { createApiToken(input: $in) { token } }`, {
    in: { name: `e2e-${name}`, roles: [{ namespace: 'sources-v', role: 'VIEWER' }] },
  });
  await signIn(page, created.createApiToken.token);
  await page.getByRole('link', { name: '镜像源' }).click();
  await expect(page.getByRole('cell', { name, exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: '添加镜像源' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: `更多操作 ${name}` })).toHaveCount(0);
});
