/**
 * Issue #17: the container image, built from the project's Dockerfile and run as OpenShift's
 * restricted SCC runs a pod (arbitrary UID, group 0, no passwd entry, read-only root, only /tmp
 * writable, no capabilities). No registry is involved: the base image is made on this machine by
 * scripts/container-base-image.sh (debootstrap + this machine's node), cached between runs.
 *
 * Skipped, with the reason in its name, where podman cannot run (support/podman.ts).
 * Reports the image size and build times on the console and in test-results/e2e/container-image.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_GRAPHIQL_QUERY } from '../../src/server/graphiql.js';
import { expectDemoManifestList, type ManifestListResponse } from './support/demo-manifest-list.js';
import { TEST_RESULTS_DIR } from './support/paths.js';
import {
  buildImage,
  containerSkipReason,
  ensureBaseImage,
  randomOpenShiftUid,
  removeImage,
  restrictedRunFlags,
  runOk,
  run,
  startContainer,
  type BaseImage,
  type BuiltImage,
  type Container,
} from './support/podman.js';
import { startSlowUpload } from './support/slow-upload.js';

const skipReason = containerSkipReason();
if (skipReason !== undefined) console.warn(`container e2e test skipped: ${skipReason}`);

const PINO_ERROR = 50;

/** JSON log lines of the gateway; a line that is not JSON fails the test. */
function parseLogs(stdout: readonly string[]): { level?: number; msg?: string }[] {
  return stdout.map((line) => JSON.parse(line) as { level?: number; msg?: string });
}

/**
 * Run inside the image as its user: tries to write where the app lives and where it may, and
 * prints JSON `{ uid, gid, passwdEntry, results: { path: 'ok' | errno code } }`. Opening an existing
 * file with 'r+' asks for write access without changing it.
 */
const WRITE_PROBE = `
const fs = require('node:fs');
const os = require('node:os');
const tries = {
  '/app/probe': () => fs.writeFileSync('/app/probe', 'x'),
  '/app/package.json': () => fs.closeSync(fs.openSync('/app/package.json', 'r+')),
  '/app/dist/main.js': () => fs.closeSync(fs.openSync('/app/dist/main.js', 'r+')),
  '/app/dist/probe': () => fs.writeFileSync('/app/dist/probe', 'x'),
  '/app/node_modules/probe': () => fs.mkdirSync('/app/node_modules/probe'),
  '/app/node_modules/graphql/package.json': () =>
    fs.closeSync(fs.openSync('/app/node_modules/graphql/package.json', 'r+')),
  '/app/schema/probe': () => fs.writeFileSync('/app/schema/probe', 'x'),
  '/usr/local/bin/node': () => fs.closeSync(fs.openSync('/usr/local/bin/node', 'r+')),
  '/etc/probe': () => fs.writeFileSync('/etc/probe', 'x'),
  '/var/tmp/probe': () => fs.writeFileSync('/var/tmp/probe', 'x'),
  '/tmp/probe': () => { fs.writeFileSync('/tmp/probe', 'x'); fs.rmSync('/tmp/probe'); },
};
const results = {};
for (const [p, attempt] of Object.entries(tries)) {
  try { attempt(); results[p] = 'ok'; } catch (e) { results[p] = e.code || String(e); }
}
let passwdEntry;
try { passwdEntry = os.userInfo().username; } catch (e) { passwdEntry = null; }
console.log(JSON.stringify({ uid: process.getuid(), gid: process.getgid(), passwdEntry, results }));
`;

interface ProbeResult {
  readonly uid: number;
  readonly gid: number;
  readonly passwdEntry: string | null;
  readonly results: Record<string, string>;
}

const APP_PATHS = [
  '/app/probe',
  '/app/package.json',
  '/app/dist/main.js',
  '/app/dist/probe',
  '/app/node_modules/probe',
  '/app/node_modules/graphql/package.json',
  '/app/schema/probe',
  '/usr/local/bin/node',
  '/etc/probe',
];

const pick = (results: Record<string, string>, paths: readonly string[]) =>
  Object.fromEntries(paths.map((p) => [p, results[p]]));

describe.skipIf(skipReason !== undefined)(
  `the container image, as OpenShift's restricted SCC runs it${skipReason === undefined ? '' : ` (skipped: ${skipReason})`}`,
  () => {
    let base: BaseImage | undefined;
    let image: BuiltImage | undefined;
    const containers: Container[] = [];

    beforeAll(async () => {
      // A fresh machine builds the base image (debootstrap) and every layer; later runs reuse both.
      base = await ensureBaseImage();
      image = await buildImage(base.ref);
      const report = {
        image: image.ref,
        sizeBytes: image.sizeBytes,
        sizeMB: Math.round(image.sizeBytes / 1e6),
        buildSeconds: Math.round(image.buildMs / 100) / 10,
        baseImage: base.ref,
        baseImageCached: base.cached,
        baseImageSeconds: Math.round(base.ms / 100) / 10,
      };
      mkdirSync(path.join(TEST_RESULTS_DIR, 'e2e'), { recursive: true });
      writeFileSync(
        path.join(TEST_RESULTS_DIR, 'e2e', 'container-image.json'),
        `${JSON.stringify(report, null, 2)}\n`,
      );
      console.info(
        `container image: ${report.sizeMB} MB, podman build ${report.buildSeconds} s; base image ` +
          `${report.baseImageCached ? 'cached' : 'built'} in ${report.baseImageSeconds} s (${base.ref})`,
      );
    }, 30 * 60_000);

    afterAll(async () => {
      for (const container of containers) await container.remove();
      if (image) await removeImage(image.ref);
    }, 120_000);

    const start = async (label: string, env: Record<string, string> = {}) => {
      const container = await startContainer(image!.ref, { label, env });
      containers.push(container);
      return container;
    };

    describe('running read-only as a random UID in group 0', () => {
      let container: Container | undefined;
      beforeAll(async () => {
        container = await start('container-serve');
      }, 120_000);

      it('answers /healthz and /readyz on the port published on 127.0.0.1', async () => {
        const { baseUrl } = container!;
        const healthz = await fetch(`${baseUrl}/healthz`);
        expect(healthz.status).toBe(200);
        const readyz = await fetch(`${baseUrl}/readyz`);
        expect(readyz.status, await readyz.text()).toBe(200);
        expect((await container!.state()).status).toBe('running');
      });

      it('answers the pre-filled GraphiQL query from the embedded simulator, and logs JSON with no errors', async () => {
        const response = await fetch(`${container!.baseUrl}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify({ query: DEFAULT_GRAPHIQL_QUERY }),
        });
        expect(response.status).toBe(200);
        expectDemoManifestList((await response.json()) as ManifestListResponse);
        const { stdout, stderr } = await container!.logs();
        const lines = parseLogs(stdout);
        expect(lines.some((line) => line.msg?.includes('EMBEDDED OPENSHIFT SIMULATOR'))).toBe(true);
        expect(lines.filter((line) => (line.level ?? 0) >= PINO_ERROR)).toEqual([]);
        expect(stderr).toEqual([]);
      });

      it('runs as that UID and group 0 with no passwd entry; the root filesystem is read-only and only /tmp is writable', async () => {
        const { name, uid } = container!;
        const result = await runOk('podman', ['exec', name, 'node', '-e', WRITE_PROBE]);
        const probe = JSON.parse(result.stdout) as ProbeResult;
        expect(probe).toMatchObject({ uid, gid: 0, passwdEntry: null });
        // Refused by the read-only mount, or by the file modes first (checked on their own below).
        for (const [p, outcome] of Object.entries(pick(probe.results, APP_PATHS))) {
          expect(['EROFS', 'EACCES'], p).toContain(outcome);
        }
        // /var/tmp is mode 1777 in the image: only the read-only root refuses it.
        expect(probe.results['/var/tmp/probe']).toBe('EROFS');
        expect(probe.results['/app/probe']).toBe('EROFS');
        expect(probe.results['/tmp/probe']).toBe('ok');
      });
    });

    it('does not let that UID or group 0 write the app files even without a read-only root', async () => {
      // Not every cluster sets readOnlyRootFilesystem; the file modes must hold on their own.
      const uid = randomOpenShiftUid();
      const flags = restrictedRunFlags(uid).filter(
        (flag) => flag !== '--read-only' && !flag.startsWith('--read-only-tmpfs'),
      );
      const result = await runOk('podman', [
        'run',
        '--rm',
        ...flags,
        '--entrypoint=node',
        image!.ref,
        '-e',
        WRITE_PROBE,
      ]);
      const probe = JSON.parse(result.stdout) as ProbeResult;
      expect(probe).toMatchObject({ uid, gid: 0, passwdEntry: null });
      expect(pick(probe.results, APP_PATHS)).toEqual(
        Object.fromEntries(APP_PATHS.map((p) => [p, 'EACCES'])),
      );
      expect(probe.results['/tmp/probe']).toBe('ok');
    });

    it('has no npm, npx or corepack at run time', async () => {
      const result = await run('podman', [
        'run',
        '--rm',
        ...restrictedRunFlags(randomOpenShiftUid()),
        '--entrypoint=sh',
        image!.ref,
        '-c',
        'command -v npm npx corepack; ls /usr/local/lib/node_modules',
      ]);
      expect(result.stdout.trim()).toBe('');
    });

    describe('podman stop', () => {
      let container: Container | undefined;
      afterEach(async () => {
        await container?.remove();
      });

      it('sends SIGTERM: a request in flight finishes with 200, then the container exits 0', async () => {
        const graceMs = 20_000;
        container = await start('container-stop', { SHUTDOWN_GRACE_MS: String(graceMs) });
        const upload = await startSlowUpload(container.port, DEFAULT_GRAPHIQL_QUERY);

        // podman waits up to --time seconds for the container to exit after SIGTERM, then kills it.
        const stopping = run('podman', ['stop', `--time=${graceMs / 1000 + 10}`, container.name]);
        const deadline = performance.now() + 30_000;
        let lines = parseLogs((await container.logs()).stdout);
        while (
          !lines.some((l) => l.msg?.startsWith('shutting down')) &&
          performance.now() < deadline
        ) {
          await sleep(100);
          lines = parseLogs((await container.logs()).stdout);
        }
        expect(lines.find((l) => l.msg?.startsWith('shutting down'))).toMatchObject({
          signal: 'SIGTERM',
          graceMs,
        });
        // Draining: still running, and the request is still waiting for the rest of its body.
        await sleep(500);
        expect(['running', 'stopping']).toContain((await container.state()).status);
        const pending = await Promise.race([upload.response, sleep(0, 'pending' as const)]);
        expect(pending).toBe('pending');

        const finishedAt = performance.now();
        upload.finish();
        const response = await upload.response;
        expect(response.status, response.body).toBe(200);
        expectDemoManifestList(JSON.parse(response.body) as ManifestListResponse);

        const stopped = await stopping;
        expect(stopped.code, stopped.stderr).toBe(0);
        const exitSeconds = Math.round((performance.now() - finishedAt) / 100) / 10;
        expect(await container.state()).toEqual({ status: 'exited', exitCode: 0 });
        const { stdout, stderr } = await container.logs();
        const all = parseLogs(stdout);
        expect(all.filter((l) => l.msg === 'stopped')).toHaveLength(1);
        expect(all.filter((l) => (l.level ?? 0) >= PINO_ERROR)).toEqual([]);
        expect(stderr).toEqual([]);
        console.info(
          `podman stop: ${Math.round(stopped.ms / 100) / 10} s in all, the container exited ` +
            `${exitSeconds} s after the drained request was let finish`,
        );
      });
    });
  },
);
