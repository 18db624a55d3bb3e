import { spawn, type ChildProcess } from 'node:child_process';
import type { Server } from 'node:http';
import { existsSync, mkdirSync, openSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startOidcProvider, OIDC_CLIENT_ID } from './oidc';
import { freePort, stop, waitFor } from './processes';
import { pushImage, startRegistry } from './registry';

export const ADMIN_TOKEN = 'e2e-admin-token-for-the-console-browser-tests';

/**
 * Starts a real docker-registry with a pushed image, a real OIDC provider (oidc-provider, e2e/oidc.ts) and the real
 * gateway jar (the one `mvn verify` built) accepting its ID tokens, on free loopback ports, with a fresh data
 * directory; the tests read where they are from the environment. Returns the teardown that stops them.
 */
/** The gateway's data: fresh in e2e/.work, or BENCH_DATA_DIR's (created when missing, never wiped). */
function dataDir(work: string) {
  const kept = process.env.BENCH_DATA_DIR;
  if (!kept) return join(work, 'data');
  mkdirSync(resolve(kept), { recursive: true });
  return resolve(kept);
}

export default async function globalSetup() {
  const work = resolve('e2e/.work');
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const children: ChildProcess[] = [];
  let oidcServer: Server | undefined;
  try {
    const registry = await startRegistry(join(work, 'registry'));
    children.push(registry.process);
    await pushImage(registry.url, 'library/nginx', 'latest');
    await pushImage(registry.url, 'library/redis', '7-alpine');

    const jar = resolve(process.env.E2E_GATEWAY_JAR ?? '../graphql/target/image-gateway.jar');
    if (!existsSync(jar)) {
      throw new Error(`no gateway jar at ${jar}: build it first (mvn -B package, or bash scripts/test.sh)`);
    }
    const port = await freePort();
    const oidc = await startOidcProvider(await freePort(), `http://127.0.0.1:${port}`);
    oidcServer = oidc.server;
    const log = openSync(join(work, 'gateway.log'), 'w');
    const gateway = spawn(
      'java',
      [
        // E2E_GATEWAY_JVM_OPTS: e.g. the class data sharing archive of an extracted jar (scripts/test.sh sets both)
        ...(process.env.E2E_GATEWAY_JVM_OPTS ?? '').split(/\s+/).filter((o) => o.length > 0),
        '-jar',
        jar,
        `--server.port=${port}`,
        '--server.address=127.0.0.1',
        // BENCH_DATA_DIR (npm run bench): a data directory kept between runs, so a loaded catalogue is reused
        `--gateway.data-dir=${dataDir(work)}`,
        `--gateway.security.admin-token=${ADMIN_TOKEN}`,
        // the test registry listens on loopback, which the gateway refuses by default
        '--gateway.registry.network.allow-loopback=true',
        '--logging.level.root=WARN',
        // the console's OIDC sign-in: the gateway accepts the provider's ID tokens (aud = the console's client id)
        `--gateway.security.jwt.issuer-uri=${oidc.issuer}`,
        `--gateway.security.jwt.audience=${OIDC_CLIENT_ID}`,
        // E2E_CONSOLE_DIR=dist: this folder's build instead of the jar's, to iterate without rebuilding the jar
        ...(process.env.E2E_CONSOLE_DIR ? [`--gateway.console.location=file:${resolve(process.env.E2E_CONSOLE_DIR)}/`] : []),
      ],
      { stdio: ['ignore', log, log] },
    );
    children.push(gateway);
    const base = `http://127.0.0.1:${port}`;
    await waitFor(
      `the gateway (log: ${join(work, 'gateway.log')})`,
      180_000,
      async () => (await fetch(`${base}/actuator/health/readiness`)).ok,
      gateway,
    );
    process.env.E2E_BASE_URL = base;
    // the bench reads the gateway's CPU time (/proc) beside its figures
    process.env.E2E_GATEWAY_PID = String(gateway.pid);
    process.env.E2E_REGISTRY_URL = registry.url;
    process.env.E2E_ADMIN_TOKEN = ADMIN_TOKEN;
    process.env.E2E_OIDC_ISSUER = oidc.issuer;
  } catch (failure) {
    children.forEach(stop);
    oidcServer?.close();
    throw failure;
  }
  return async () => {
    children.forEach(stop);
    oidcServer?.closeAllConnections();
    oidcServer?.close();
  };
}
