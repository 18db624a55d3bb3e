import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, waitFor } from './processes';

const sha256 = (bytes: Buffer) => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

/** Debian's docker-registry on a free loopback port, with its storage under folder. */
export async function startRegistry(folder: string): Promise<{ url: string; process: ChildProcess }> {
  const port = await freePort();
  mkdirSync(join(folder, 'storage'), { recursive: true });
  const config = join(folder, 'config.yml');
  writeFileSync(
    config,
    [
      'version: 0.1',
      'log:',
      '  level: warn',
      'storage:',
      '  filesystem:',
      `    rootdirectory: ${join(folder, 'storage')}`,
      '  delete:',
      '    enabled: true',
      'http:',
      `  addr: 127.0.0.1:${port}`,
      '',
    ].join('\n'),
  );
  const child = spawn(process.env.DOCKER_REGISTRY ?? '/usr/bin/docker-registry', ['serve', config], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  await waitFor(`docker-registry on ${url}`, 20_000, async () => (await fetch(`${url}/v2/`)).ok, child);
  return { url, process: child };
}

async function pushBlob(registry: string, name: string, bytes: Buffer) {
  const digest = sha256(bytes);
  const start = await fetch(`${registry}/v2/${name}/blobs/uploads/`, { method: 'POST' });
  if (start.status !== 202) throw new Error(`blob upload of ${name} answered ${start.status}`);
  const location = new URL(start.headers.get('location')!, registry);
  location.searchParams.set('digest', digest);
  const put = await fetch(location, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/octet-stream' },
    body: new Uint8Array(bytes),
  });
  if (put.status !== 201) throw new Error(`blob put of ${name} answered ${put.status}`);
  return { digest, size: bytes.length };
}

/** Pushes a small single-platform OCI image (a config and one layer of random bytes) as name:tag. */
export async function pushImage(registry: string, name: string, tag: string) {
  const layer = await pushBlob(registry, name, randomBytes(2048));
  const config = await pushBlob(
    registry,
    name,
    Buffer.from(
      JSON.stringify({
        architecture: 'amd64',
        os: 'linux',
        created: '2026-01-08T10:30:00Z',
        rootfs: { type: 'layers', diff_ids: [layer.digest] },
        config: {},
      }),
    ),
  );
  const mediaType = 'application/vnd.oci.image.manifest.v1+json';
  const manifest = JSON.stringify({
    schemaVersion: 2,
    mediaType,
    config: { mediaType: 'application/vnd.oci.image.config.v1+json', ...config },
    layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', ...layer }],
  });
  const put = await fetch(`${registry}/v2/${name}/manifests/${tag}`, {
    method: 'PUT',
    headers: { 'Content-Type': mediaType },
    body: manifest,
  });
  if (put.status !== 201) throw new Error(`manifest put of ${name}:${tag} answered ${put.status}`);
}
