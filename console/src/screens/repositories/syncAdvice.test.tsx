import { beforeAll, describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import i18n, { changeLanguage } from '../../i18n';
import { SYNC_ERROR_CODES, syncAdvice } from './syncAdvice';
import { SyncFailure } from './SyncFailure';

/** The codes SyncError.code's description lists in the schema (sync.graphqls). */
async function schemaCodes(): Promise<string[]> {
  // node's fs, outside the app's types (tests run in console/; Vite would not serve a file outside it)
  const fs = (await import(/* @vite-ignore */ ['node', 'fs'].join(':'))) as { readFileSync(path: string, encoding: string): string };
  const schema = fs.readFileSync('../schema/src/main/resources/graphql/sync.graphqls', 'utf8');
  const description = /type SyncError \{\s*"([^"]*)"/.exec(schema)?.[1] ?? '';
  return description.match(/\b[A-Z][A-Z_]{2,}\b/g) ?? [];
}

describe('advice per sync error code', () => {
  // English is a chunk of its own, loaded when chosen: load it once for the checks of both languages
  beforeAll(async () => {
    await changeLanguage('en', false);
    await changeLanguage('zh-CN', false);
  });

  it('has advice of its own for every code the schema lists', async () => {
    const codes = [...new Set(await schemaCodes())];
    expect(codes).toContain('SOURCE_UNAVAILABLE');
    expect([...codes].sort()).toEqual([...SYNC_ERROR_CODES].sort());
    for (const code of codes) expect(syncAdvice(code).code).toBe(code);
  });

  it('says every cause and step in both languages, and no step is left unsaid', () => {
    for (const code of SYNC_ERROR_CODES) {
      const advice = syncAdvice(code);
      for (const lng of ['zh-CN', 'en']) {
        for (const key of [...advice.causes, ...advice.steps]) expect(i18n.exists(key, { lng }), `${key} (${lng})`).toBe(true);
        expect(i18n.exists(`syncAdvice.${code}.step${advice.steps.length + 1}`, { lng }), `${code} (${lng})`).toBe(false);
      }
    }
  });

  it('gives each code different advice', () => {
    const texts = SYNC_ERROR_CODES.map((code) => syncAdvice(code).steps.map((key) => i18n.t(key, { lng: 'zh-CN' })).join('|'));
    expect(new Set(texts).size).toBe(SYNC_ERROR_CODES.length);
  });

  it("follows FAQ Q1's wording where the document has it, and its general advice for an unknown code", () => {
    const t = (key: string) => i18n.t(key, { lng: 'zh-CN' });
    expect(t(syncAdvice('NOT_FOUND').steps[0])).toBe('确认镜像路径和标签是否正确');
    expect(t(syncAdvice('TIMEOUT').steps[0])).toContain('增加同步超时时间');
    expect(t(syncAdvice('NETWORK').steps[1])).toContain('检查网络连接和防火墙设置');
    const general = syncAdvice('SOMETHING_NEW');
    expect(general.code).toBeNull();
    expect(general.steps.map(t)).toEqual(['检查镜像源连接状态', '确认镜像路径和标签是否正确', '查看同步错误日志', '检查网络连接和防火墙设置']);
    expect(general.causes.map(t)).toEqual(['镜像路径不存在', '镜像源认证失败', '网络连接问题', '镜像过大导致超时']);
  });

  it("sends to 镜像源 where the fix is the source's settings, to 同步设置 where it is the sync policy", () => {
    expect(SYNC_ERROR_CODES.filter((code) => syncAdvice(code).atSource)).toEqual([
      'UNAUTHORIZED',
      'FORBIDDEN',
      'RATE_LIMITED',
      'NETWORK',
      'TLS',
      'REGISTRY_ERROR',
      'FORBIDDEN_HOST',
      'SOURCE_UNAVAILABLE',
    ]);
    expect(syncAdvice('NOT_FOUND').atSource).toBe(false);
    expect(syncAdvice('TIMEOUT').atPolicy).toBe(true);
  });
});

describe('a failed sync on the repository page', () => {
  it('shows the code, message, the code’s advice and the way to the source’s settings', async () => {
    await changeLanguage('zh-CN', false);
    const openPolicy = vi.fn();
    render(
      <MemoryRouter>
        <SyncFailure
          code="UNAUTHORIZED"
          message="registry answered 401"
          httpStatus={401}
          registry={{ namespace: 'default', name: 'harbor-prod' }}
          onOpenPolicy={openPolicy}
        />
      </MemoryRouter>,
    );
    expect(screen.getByText('同步失败：UNAUTHORIZED')).toBeInTheDocument();
    expect(screen.getByText(/registry answered 401.*HTTP 状态码 401/)).toBeInTheDocument();
    expect(screen.getByText(/镜像源认证失败/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: '前往「镜像源」修改 default/harbor-prod' })).toHaveAttribute(
      'href',
      '/registries?namespace=default',
    );
    expect(screen.queryByRole('button', { name: '打开「同步设置」' })).toBeNull();
  });

  it('opens 同步设置 for a timeout', async () => {
    await changeLanguage('en', false);
    const openPolicy = vi.fn();
    render(
      <MemoryRouter>
        <SyncFailure code="TIMEOUT" message="deadline" registry={{ namespace: 'default', name: 'hub' }} onOpenPolicy={openPolicy} />
      </MemoryRouter>,
    );
    expect(screen.getByText('Increase the sync timeout in Sync settings')).toBeInTheDocument();
    expect(screen.queryByRole('link')).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Open Sync settings' }));
    expect(openPolicy).toHaveBeenCalled();
    await changeLanguage('zh-CN', false);
  });
});
