import type { Page } from '@playwright/test';
import { OIDC_USER } from './oidc';
import { expect, expectAccessible, gateway, signIn, test } from './fixtures';

/** Requests to anywhere but the gateway and the test's OIDC provider: recorded, and refused (the machine is offline). */
async function recordForeignRequests(page: Page, allowed: string[]) {
  const foreign: string[] = [];
  await page.context().route(
    (url) => !allowed.includes(url.origin) && url.protocol !== 'data:' && url.protocol !== 'blob:',
    (route) => {
      foreign.push(route.request().url());
      return route.abort();
    },
  );
  return foreign;
}

// Sign-in with a real OpenID provider (oidc-provider, started by global-setup): authorization code with PKCE, the
// provider's own login page, back to the deep link; sign-out ends the provider's session too.
test('OIDC sign-in through the provider, and sign-out there', async ({ page }) => {
  const issuer = process.env.E2E_OIDC_ISSUER!;
  // the provider's development login page asks Google for a font: not for an offline machine
  await recordForeignRequests(page, [gateway.url, issuer]);
  await page.goto('/registries');
  await expect(page).toHaveURL(/\/signin\?next=%2Fregistries/);
  const providerButton = page.getByRole('button', { name: '使用 OIDC 登录' });
  await expect(providerButton).toBeVisible();
  await expectAccessible(page, 'sign-in with OIDC');

  await providerButton.click();
  await expect(page).toHaveURL(new RegExp(`^${issuer}/interaction/`));
  await page.getByPlaceholder('Enter any login').fill(OIDC_USER);
  await page.getByPlaceholder('and password').fill('any password');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await page.getByRole('button', { name: 'Continue' }).click(); // the provider's consent

  // back through /signin/callback to where the user was headed, as the provider's user
  await expect(page).toHaveURL(/\/registries$/);
  await expect(page.getByRole('heading', { name: '镜像源' })).toBeVisible();
  await expect(page.getByText(OIDC_USER, { exact: true })).toBeVisible();
  await page.getByRole('link', { name: '镜像管理' }).click();
  await expect(page.getByRole('heading', { name: '镜像管理' })).toBeVisible();
  await expect(page.getByRole('button', { name: '添加镜像' })).toBeVisible(); // gateway_roles: ADMIN
  // the session keeps the ID token (aud = the console's client id, the gateway's audience)
  const kept = await page.evaluate(() => sessionStorage.getItem('gateway.token'));
  expect(kept?.split('.')).toHaveLength(3);

  // the callback's one use: going back to it finds no pending sign-in and says so
  await page.goto('/signin/callback?code=replayed&state=replayed');
  await expect(page.getByRole('alert')).toContainText('没有待完成的登录请求');

  await page.goto('/repositories');
  await page.getByRole('button', { name: '退出登录' }).click();
  // RP-initiated logout: the provider asks, then sends the browser back to the sign-in screen
  await expect(page).toHaveURL(new RegExp(`^${issuer}/`));
  await page.getByRole('button', { name: /sign me out/i }).click();
  await expect(page).toHaveURL(/\/signin$/);
  await page.goto('/repositories');
  await expect(page).toHaveURL(/\/signin\?next=%2Frepositories/);
});

// GraphiQL from npm inside the console, at /graphiql, with the session's token; nothing fetched from elsewhere.
test('the GraphQL explorer runs a query and a subscription as the signed-in caller', async ({ page, request }) => {
  const foreign = await recordForeignRequests(page, [gateway.url]);
  await signIn(page);
  await page.getByRole('link', { name: 'GraphQL 调试' }).click();
  await expect(page).toHaveURL(/\/graphiql$/);
  await expect(page.getByRole('heading', { name: 'GraphQL 调试' })).toBeVisible();
  // a deep link opens it too
  await page.reload();
  const editor = page.locator('.graphiql-query-editor .monaco-editor').first();
  await expect(editor).toBeVisible();

  await editor.click();
  const run = async (operation: string) => {
    await editor.click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.press('Delete');
    await page.keyboard.insertText(operation);
    await page.getByRole('button', { name: /Execute query/ }).click();
  };
  await run('{ me { name roles { namespace role } } }');
  const result = page.locator('.graphiql-response');
  await expect(result).toContainText('"name": "admin"');
  await expect(result).toContainText('"role": "ADMIN"');
  await page.screenshot({ path: '../docs/console/graphiql.png' });

  // a subscription goes over graphql-ws, with the token in connection_init: an entry made meanwhile arrives (made
  // again until one does: the subscription may still be starting when the first is made)
  const name = `graphiql-live-${Date.now()}`;
  await run('subscription { auditLogAppended(filter: { actions: ["apitoken.created"] }) { action targetName } }');
  await expect(page.getByRole('button', { name: /Stop query/ })).toBeVisible();
  let attempt = 0;
  await expect(async () => {
    const created = await request.post('/graphql', {
      headers: { Authorization: `Bearer ${gateway.adminToken}` },
      data: {
        query: 'mutation($in: CreateApiTokenInput!) { createApiToken(input: $in) { name } }',
        variables: { in: { name: `${name}-${attempt++}`, roles: [{ namespace: 'explorer', role: 'VIEWER' }] } },
      },
    });
    expect((await created.json()).errors).toBeUndefined();
    await expect(result).toContainText(name, { timeout: 3_000 });
  }).toPass({ timeout: 30_000 });
  await expect(result).toContainText('"action": "apitoken.created"');
  await page.getByRole('button', { name: /Stop query/ }).click();
  // GraphiQL's editor tab is a role=tab holding its own close button (nested-interactive): its markup, not ours
  await expectAccessible(page, 'GraphQL 调试', ['.graphiql-tab']);
  expect(foreign, 'requests leaving the gateway').toEqual([]);
});
