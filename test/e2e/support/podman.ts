/**
 * podman and buildah for the container e2e test (test/e2e/container.test.ts): the probe that decides
 * whether the test can run here, the local base image, the build of the project's Dockerfile, and a
 * container run as OpenShift's restricted SCC runs a pod.
 *
 * Every podman/buildah call gets CONTAINERS_CONF=test/e2e/support/containers/containers.conf (runc,
 * ulimits within this sandbox's limits); the machine's /etc/containers is left as it is. Storage is
 * podman's default for root: the overlay driver in /var/lib/containers/storage (native overlay on
 * the ext4 root here; vfs would copy every layer in full), which also keeps the base image and the
 * build cache between runs.
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { REPO_ROOT, TEST_RESULTS_DIR } from './paths.js';

/** The containers.conf every podman/buildah call here uses. */
export const CONTAINERS_CONF = path.join(REPO_ROOT, 'test/e2e/support/containers/containers.conf');

/** The script that makes (or finds cached) the local Node base image; prints its reference. */
export const BASE_IMAGE_SCRIPT = path.join(REPO_ROOT, 'scripts/container-base-image.sh');

/** The Debian packages the container test needs (scripts/install-system-deps.sh installs them). */
const TOOLS = ['podman', 'buildah', 'runc', 'debootstrap'] as const;

const ENV = { ...process.env, CONTAINERS_CONF };

/** The outcome of one command. */
export interface CommandResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Wall time in milliseconds. */
  readonly ms: number;
}

/** Runs a command to completion (never rejects on a non-zero exit; kills it after `timeoutMs`). */
export function run(
  command: string,
  args: readonly string[],
  { timeoutMs = 120_000 }: { timeoutMs?: number } = {},
): Promise<CommandResult> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: ENV, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({
        code,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        ms: performance.now() - started,
      });
    });
  });
}

/** Like {@link run}, but rejects with the command's output when it does not exit 0. */
export async function runOk(
  command: string,
  args: readonly string[],
  options?: { timeoutMs?: number },
): Promise<CommandResult> {
  const result = await run(command, args, options);
  if (result.code !== 0) {
    throw new Error(
      `${command} ${args.join(' ')} exited with ${String(result.code)}\n` +
        `--- stdout ---\n${result.stdout.slice(-4000)}\n--- stderr ---\n${result.stderr.slice(-4000)}`,
    );
  }
  return result;
}

function onPath(tool: string): boolean {
  return (process.env.PATH ?? '')
    .split(path.delimiter)
    .some((dir) => dir !== '' && existsSync(path.join(dir, tool)));
}

/**
 * Why the container test cannot run here, or undefined when it must run. It skips only where
 * podman cannot work: not Linux, not root (the base image needs debootstrap and `buildah mount`,
 * and rootless podman needs subordinate IDs this setup does not configure), the tools missing while
 * not root (as root `npm test`'s pretest installs them, so missing is a failure, not a skip), or
 * `podman info` failing (no container support in this kernel or sandbox).
 */
export function containerSkipReason(): string | undefined {
  if (process.platform !== 'linux') return `podman needs Linux, this is ${process.platform}`;
  const missing = TOOLS.filter((tool) => !onPath(tool));
  if (process.getuid?.() !== 0) {
    return missing.length > 0
      ? `${missing.join(', ')} missing and this is not root: install Debian's ${missing.join(' ')} (scripts/install-system-deps.sh as root)`
      : 'not root: the local base image needs debootstrap and buildah mount as root';
  }
  if (missing.length > 0) return undefined; // root: pretest installs them; the test fails loudly
  const info = spawnSync('podman', ['info', '--format', '{{.Host.OCIRuntime.Name}}'], {
    env: ENV,
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (info.status !== 0) {
    const why = (info.stderr || info.error?.message || `exit ${String(info.status)}`).trim();
    return `podman cannot run here ('podman info' failed: ${why.split('\n').slice(-3).join(' ')})`;
  }
  return undefined;
}

/** The base image: its reference and how long making (or finding) it took. */
export interface BaseImage {
  readonly ref: string;
  readonly ms: number;
  /** True when the script found it in podman's storage and built nothing. */
  readonly cached: boolean;
}

/** Runs scripts/container-base-image.sh: builds the base image, or finds it cached. */
export async function ensureBaseImage(): Promise<BaseImage> {
  const result = await runOk('bash', [BASE_IMAGE_SCRIPT], { timeoutMs: 15 * 60_000 });
  const ref = result.stdout.trim().split('\n').at(-1) ?? '';
  if (!/^localhost\/\S+:\S+$/.test(ref)) {
    throw new Error(`${BASE_IMAGE_SCRIPT} printed no image reference:\n${result.stdout}`);
  }
  return { ref, ms: result.ms, cached: /\bcached: /.test(result.stderr) };
}

/** The project's image, as built for one test run. */
export interface BuiltImage {
  readonly ref: string;
  /** `podman build` wall time in milliseconds. */
  readonly buildMs: number;
  /** Uncompressed size in bytes, as `podman images` reports it. */
  readonly sizeBytes: number;
}

/**
 * `podman build` of the project's Dockerfile on `baseRef`, tagged for this run only (parallel runs
 * in other work trees build their own). The build log goes to test-results/e2e/container-build.log.
 */
export async function buildImage(baseRef: string): Promise<BuiltImage> {
  const ref = `localhost/openshift-image-graphql:e2e-${randomBytes(4).toString('hex')}`;
  const result = await run(
    'podman',
    [
      'build',
      '--build-arg',
      `NODE_IMAGE=${baseRef}`,
      '--tag',
      ref,
      '--file',
      path.join(REPO_ROOT, 'Dockerfile'),
      REPO_ROOT,
    ],
    { timeoutMs: 20 * 60_000 },
  );
  mkdirSync(path.join(TEST_RESULTS_DIR, 'e2e'), { recursive: true });
  writeFileSync(
    path.join(TEST_RESULTS_DIR, 'e2e', 'container-build.log'),
    `${result.stdout}\n--- stderr ---\n${result.stderr}`,
  );
  if (result.code !== 0) {
    throw new Error(
      `podman build exited with ${String(result.code)} (test-results/e2e/container-build.log):\n` +
        `${result.stdout.slice(-3000)}\n${result.stderr.slice(-3000)}`,
    );
  }
  const size = await runOk('podman', ['image', 'inspect', '--format', '{{.Size}}', ref]);
  return { ref, buildMs: result.ms, sizeBytes: Number(size.stdout.trim()) };
}

/** Removes this run's image tag, and dangling images (old build caches) older than a day. */
export async function removeImage(ref: string): Promise<void> {
  await run('podman', ['rmi', '--force', ref]);
  await run('podman', ['image', 'prune', '--force', '--filter', 'until=24h']);
}

/** A UID as OpenShift assigns them: arbitrary, from a namespace's range, with no passwd entry. */
export function randomOpenShiftUid(): number {
  return randomInt(1_000_000_000, 2_000_000_000);
}

/**
 * What OpenShift's restricted-v2 SCC does to a pod, as podman flags: an arbitrary UID in group 0
 * without a passwd entry, a read-only root filesystem with only /tmp writable (the emptyDir in
 * deploy/base/deployment.yaml; podman's own tmpfs on /run and /var/tmp is turned off), all
 * capabilities dropped, no privilege escalation.
 */
export function restrictedRunFlags(uid: number): string[] {
  return [
    `--user=${uid}:0`,
    '--passwd=false',
    '--read-only',
    '--read-only-tmpfs=false',
    '--tmpfs=/tmp:rw,nosuid,nodev,mode=1777,size=64m',
    '--cap-drop=ALL',
    '--security-opt=no-new-privileges',
  ];
}

/** A container started by {@link startContainer}. */
export interface Container {
  readonly name: string;
  readonly uid: number;
  /** e.g. `http://127.0.0.1:39127`: the published port, on the loopback interface only. */
  readonly baseUrl: string;
  readonly port: number;
  /** `podman logs`: the gateway's stdout lines (JSON) and stderr lines. */
  logs(): Promise<{ stdout: string[]; stderr: string[] }>;
  /** `podman inspect` State: Status ('running', 'exited', ...), ExitCode. */
  state(): Promise<{ status: string; exitCode: number }>;
  /** Saves the logs to test-results/e2e/<label>.log and removes the container. Idempotent. */
  remove(): Promise<void>;
}

/**
 * Runs `image` detached with {@link restrictedRunFlags}, its port 4000 published on 127.0.0.1 at a
 * port podman picks, and resolves once `/readyz` answers 200. Removes the container on failure.
 */
export async function startContainer(
  image: string,
  { label, env = {} }: { label: string; env?: Readonly<Record<string, string>> },
): Promise<Container> {
  const name = `oig-e2e-${label}-${randomBytes(4).toString('hex')}`;
  const uid = randomOpenShiftUid();
  await runOk('podman', [
    'run',
    '--detach',
    `--name=${name}`,
    ...restrictedRunFlags(uid),
    '--publish=127.0.0.1::4000',
    ...Object.entries(env).map(([key, value]) => `--env=${key}=${value}`),
    image,
  ]);
  let removed: Promise<void> | undefined;
  const logs = async () => {
    const result = await runOk('podman', ['logs', name]);
    const lines = (text: string) => text.split('\n').filter((line) => line !== '');
    return { stdout: lines(result.stdout), stderr: lines(result.stderr) };
  };
  const state = async () => {
    const result = await runOk('podman', [
      'inspect',
      '--format',
      '{{.State.Status}} {{.State.ExitCode}}',
      name,
    ]);
    const [status = '', exitCode = ''] = result.stdout.trim().split(' ');
    return { status, exitCode: Number(exitCode) };
  };
  const remove = () =>
    (removed ??= (async () => {
      const saved = await run('podman', ['logs', name]);
      mkdirSync(path.join(TEST_RESULTS_DIR, 'e2e'), { recursive: true });
      writeFileSync(
        path.join(TEST_RESULTS_DIR, 'e2e', `${label}.log`),
        `${saved.stdout}\n--- stderr ---\n${saved.stderr}`,
      );
      await run('podman', ['rm', '--force', '--time=0', name]);
    })());
  try {
    const published = await runOk('podman', ['port', name, '4000/tcp']);
    const match = /^127\.0\.0\.1:(\d+)$/m.exec(published.stdout.trim());
    if (!match) {
      throw new Error(`expected 4000/tcp published on 127.0.0.1, but got: ${published.stdout}`);
    }
    const port = Number(match[1]);
    const baseUrl = `http://127.0.0.1:${port}`;
    await waitUntilReady(baseUrl, state, logs);
    return { name, uid, baseUrl, port, logs, state, remove };
  } catch (error) {
    await remove();
    throw error;
  }
}

/** Polls `/readyz` until 200; fails with the container's logs when it exits or 60 s pass. */
async function waitUntilReady(
  baseUrl: string,
  state: Container['state'],
  logs: Container['logs'],
): Promise<void> {
  const deadline = performance.now() + 60_000;
  let last = 'no answer';
  while (performance.now() < deadline) {
    try {
      const response = await fetch(`${baseUrl}/readyz`);
      if (response.status === 200) return;
      last = `${response.status} ${await response.text()}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    const { status, exitCode } = await state();
    if (status !== 'running') {
      const { stdout, stderr } = await logs();
      throw new Error(
        `the container is ${status} (exit ${exitCode}) before /readyz answered 200:\n` +
          [...stdout.slice(-20), '--- stderr ---', ...stderr.slice(-20)].join('\n'),
      );
    }
    await sleep(250);
  }
  const { stdout, stderr } = await logs();
  throw new Error(
    `/readyz did not answer 200 within 60 s (last: ${last}):\n` +
      [...stdout.slice(-20), '--- stderr ---', ...stderr.slice(-20)].join('\n'),
  );
}
