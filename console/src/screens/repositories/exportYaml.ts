/**
 * 「导出 YAML」: the REST API's export (`GET /oapis/…/repositories?format=yaml`, docs/operations.md "Export"), the
 * Kubernetes-style Repository documents that 导入 YAML (applyRepositories) takes back as they are.
 */
export const RESOURCE_BASE = '/oapis/image.theriseunion.io/v1alpha1';

/**
 * The export of one namespace, or with 全部项目 (null) of every namespace the caller may read.
 *
 * Why every namespace rather than asking for one: it is what `kubectl get -A -o yaml` and `flux export … -A` give,
 * and what a Harbor user gets from a project-less "export all". Each document carries its own
 * `metadata.namespace`, so the file goes back through 导入 YAML (or `POST /repositories`) into the namespaces it
 * came from; the gateway includes only namespaces the caller may read, so nothing is shown that the list would not
 * show. Registry sources are left out (no `includeRegistrySources`): they are managed on 镜像源, never carry their
 * credentials in YAML, and applying them needs ADMIN, so an editor previewing the file would see them fail.
 * The list's search and status filter are not applied either: the export is the namespace, as a backup or a
 * GitOps source is.
 */
export function exportUrl(namespace: string | null): string {
  const path = namespace ? `/namespaces/${encodeURIComponent(namespace)}/repositories` : '/repositories';
  return `${RESOURCE_BASE}${path}?format=yaml`;
}

/** repositories-<namespace>-<time>.yaml, or repositories-all-namespaces-<time>.yaml for 全部项目. */
export function exportFileName(namespace: string | null, now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const time =
    `${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}-` +
    `${pad(now.getHours())}${pad(now.getMinutes())}${pad(now.getSeconds())}`;
  return `repositories-${namespace ?? 'all-namespaces'}-${time}.yaml`;
}

/**
 * The export's text, read with the token in the Authorization header (never in the URL, where proxies and the
 * browser's history would keep it). A refusal answers a Kubernetes Status: its message is the error's.
 */
export async function fetchExport(namespace: string | null, token: string, fetchImpl: typeof fetch = fetch) {
  const response = await fetchImpl(exportUrl(namespace), {
    headers: { Authorization: `Bearer ${token}`, Accept: 'application/yaml' },
  });
  if (!response.ok) {
    let message = `${response.status} ${response.statusText}`.trim();
    try {
      const status = (await response.json()) as { message?: string };
      if (status.message) message = status.message;
    } catch {
      // not a Status body: keep the HTTP status
    }
    throw new Error(message);
  }
  return response.text();
}

/** Saves text as a file the browser downloads. */
export function saveText(text: string, fileName: string, type = 'application/yaml') {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
