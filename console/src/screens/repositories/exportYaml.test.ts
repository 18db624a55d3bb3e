import { describe, expect, it, vi } from 'vitest';
import { exportFileName, exportUrl, fetchExport } from './exportYaml';

describe('导出 YAML', () => {
  it('asks the REST export of the namespace, or of every readable namespace for 全部项目', () => {
    expect(exportUrl('team-a')).toBe('/oapis/image.theriseunion.io/v1alpha1/namespaces/team-a/repositories?format=yaml');
    expect(exportUrl(null)).toBe('/oapis/image.theriseunion.io/v1alpha1/repositories?format=yaml');
  });

  it('names the file after the namespace and the time', () => {
    const at = new Date(2026, 11, 1, 9, 5, 7);
    expect(exportFileName('team-a', at)).toBe('repositories-team-a-20261201-090507.yaml');
    expect(exportFileName(null, at)).toBe('repositories-all-namespaces-20261201-090507.yaml');
  });

  it('sends the token as the Authorization header, never in the URL', async () => {
    const fetchImpl = vi.fn(async () => new Response('apiVersion: image.theriseunion.io/v1alpha1\n', { status: 200 }));
    const text = await fetchExport('default', 'secret-token', fetchImpl as unknown as typeof fetch);
    expect(text).toContain('apiVersion');
    const [url, init] = fetchImpl.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).not.toContain('secret-token');
    expect((init.headers as Record<string, string>).Authorization).toBe('Bearer secret-token');
  });

  it("fails with the gateway's Status message", async () => {
    const status = { apiVersion: 'v1', kind: 'Status', status: 'Failure', code: 401, message: 'token expired' };
    const fetchImpl = vi.fn(async () => new Response(JSON.stringify(status), { status: 401 }));
    await expect(fetchExport(null, 't', fetchImpl as unknown as typeof fetch)).rejects.toThrow('token expired');
  });
});
