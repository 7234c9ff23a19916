import { mkdtempSync, mkdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createFileTokenProvider,
  resolveUpstreamTarget,
  type CredentialFileSystem,
  type UpstreamSettings,
  type UpstreamTarget,
} from '../../../src/upstream/credentials.js';
import { rejectionOf } from '../../support/rejection.js';

const TOKEN = 'sha256~kubeconfig-token-must-not-leak-XXXXXXXXXXXXXXXXXXXXXXX';
const CA_PEM = '-----BEGIN CERTIFICATE-----\nMIIBfake-ca\n-----END CERTIFICATE-----\n';
const CERT_PEM = '-----BEGIN CERTIFICATE-----\nMIIBfake-client\n-----END CERTIFICATE-----\n';
const KEY_PEM = '-----BEGIN PRIVATE KEY-----\nMIIBfake-key\n-----END PRIVATE KEY-----\n';
const b64 = (text: string) => Buffer.from(text).toString('base64');

const NONE: UpstreamSettings = {
  apiUrl: undefined,
  token: undefined,
  tokenFile: undefined,
  caFile: undefined,
  kubeconfig: undefined,
  home: undefined,
  inClusterHost: undefined,
  inClusterPort: undefined,
};

let dir: string;
/** A service-account dir that does not exist, so tests never see a real pod's files. */
let noServiceAccount: string;

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'upstream-credentials-'));
  noServiceAccount = path.join(dir, 'no-service-account');
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function write(name: string, content: string): string {
  const file = path.join(dir, name);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
  return file;
}

async function resolve(settings: Partial<UpstreamSettings>): Promise<UpstreamTarget> {
  return resolveUpstreamTarget({ ...NONE, ...settings }, { serviceAccountDir: noServiceAccount });
}

function remote(target: UpstreamTarget) {
  if (target.kind === 'simulator') throw new Error('expected a remote target');
  return target;
}

function kubeconfig(options: {
  current?: string;
  users?: string;
  clusters?: string;
  contexts?: string;
}): string {
  return [
    'apiVersion: v1',
    'kind: Config',
    ...(options.current === undefined ? [] : [`current-context: ${options.current}`]),
    'clusters:',
    options.clusters ??
      [
        '- name: dev',
        '  cluster:',
        '    server: https://api.dev.example.test:6443/',
        `    certificate-authority-data: ${b64(CA_PEM)}`,
        '- name: prod',
        '  cluster:',
        '    server: https://api.prod.example.test:6443',
        '    insecure-skip-tls-verify: true',
        '    tls-server-name: kubernetes.default',
      ].join('\n'),
    'users:',
    options.users ??
      [
        '- name: alice',
        '  user:',
        `    token: ${TOKEN}`,
        '- name: robot',
        '  user:',
        `    client-certificate-data: ${b64(CERT_PEM)}`,
        `    client-key-data: ${b64(KEY_PEM)}`,
      ].join('\n'),
    'contexts:',
    options.contexts ??
      [
        '- name: dev',
        '  context: {cluster: dev, user: alice, namespace: demo}',
        '- name: prod',
        '  context: {cluster: prod, user: robot}',
      ].join('\n'),
    '',
  ].join('\n');
}

describe('OPENSHIFT_API_URL', () => {
  it('uses OPENSHIFT_TOKEN and OPENSHIFT_CA_FILE', async () => {
    const caFile = write('ca.pem', CA_PEM);
    const target = remote(
      await resolve({ apiUrl: 'https://api.example.test:6443', token: TOKEN, caFile }),
    );
    expect(target.kind).toBe('env');
    expect(target.baseUrl).toBe('https://api.example.test:6443');
    expect(target.tls).toEqual({ rejectUnauthorized: true, ca: CA_PEM });
    expect(await target.tokenProvider()).toBe(TOKEN);
    expect(target.description).toContain('https://api.example.test:6443');
    expect(target.description).not.toContain(TOKEN);
  });

  it('wins over KUBECONFIG and the in-cluster service account', async () => {
    const config = write('kubeconfig', kubeconfig({ current: 'dev' }));
    const target = await resolve({
      apiUrl: 'http://127.0.0.1:8080',
      kubeconfig: config,
      inClusterHost: '10.0.0.1',
      inClusterPort: '443',
    });
    expect(target.kind).toBe('env');
    expect(await remote(target).tokenProvider()).toBeUndefined();
  });

  it('re-reads OPENSHIFT_TOKEN_FILE after it rotates', async () => {
    const tokenFile = write('token', 'first-token\n');
    const target = remote(await resolve({ apiUrl: 'https://api.example.test', tokenFile }));
    expect(await target.tokenProvider()).toBe('first-token');
    writeFileSync(tokenFile, 'second-token\n');
    // Make the rotation visible even on filesystems with coarse mtimes.
    utimesSync(tokenFile, new Date(), new Date(Date.now() + 5_000));
    expect(await target.tokenProvider()).toBe('second-token');
    expect(target.description).not.toContain('token\n');
    expect(target.description).not.toContain('first-token');
  });

  it('names OPENSHIFT_CA_FILE when it cannot be read', async () => {
    const error = await rejectionOf<Error>(
      resolve({
        apiUrl: 'https://api.example.test',
        token: TOKEN,
        caFile: path.join(dir, 'missing.pem'),
      }),
    );
    expect(error.message).toContain('OPENSHIFT_CA_FILE');
    expect(error.message).toContain('missing.pem');
    expect(error.message).not.toContain(TOKEN);
  });

  it('names OPENSHIFT_TOKEN_FILE when it is empty', async () => {
    const tokenFile = write('empty-token', '\n');
    const error = await rejectionOf<Error>(
      resolve({ apiUrl: 'https://api.example.test', tokenFile }),
    );
    expect(error.message).toMatch(/OPENSHIFT_TOKEN_FILE: .*empty-token is empty/);
  });
});

describe('file token provider', () => {
  it('re-reads a file older than maxAgeMs even when its mtime did not change', async () => {
    let content = 'one';
    let now = 1_000;
    const fs: CredentialFileSystem = {
      readFile: () => Promise.resolve(content),
      mtimeMs: () => Promise.resolve(42),
    };
    const provider = createFileTokenProvider('/t', 'T', { fs, maxAgeMs: 60_000, now: () => now });
    expect(await provider()).toBe('one');
    content = 'two';
    now += 59_000;
    expect(await provider()).toBe('one');
    now += 2_000;
    expect(await provider()).toBe('two');
  });

  it('keeps the last good token when a re-read fails mid-rotation', async () => {
    let fail = false;
    let mtime = 1;
    const fs: CredentialFileSystem = {
      readFile: () => (fail ? Promise.reject(new Error('ENOENT')) : Promise.resolve('good')),
      mtimeMs: () => Promise.resolve(mtime),
    };
    const provider = createFileTokenProvider('/t', 'T', { fs });
    expect(await provider()).toBe('good');
    fail = true;
    mtime = 2;
    expect(await provider()).toBe('good');
  });
});

describe('kubeconfig', () => {
  it('uses the current context: server, CA data, namespace and token', async () => {
    const config = write('kubeconfig', kubeconfig({ current: 'dev' }));
    const target = remote(await resolve({ kubeconfig: config }));
    expect(target).toMatchObject({
      kind: 'kubeconfig',
      context: 'dev',
      namespace: 'demo',
      baseUrl: 'https://api.dev.example.test:6443',
      tls: { rejectUnauthorized: true, ca: CA_PEM },
    });
    expect(await target.tokenProvider()).toBe(TOKEN);
    expect(target.description).toContain("kubeconfig context 'dev'");
    expect(target.description).not.toContain(TOKEN);
  });

  it('switches with current-context: client certificate, skip-verify and tls-server-name', async () => {
    const config = write('kubeconfig', kubeconfig({ current: 'prod' }));
    const target = remote(await resolve({ kubeconfig: config }));
    expect(target.baseUrl).toBe('https://api.prod.example.test:6443');
    expect(target.tls).toEqual({
      rejectUnauthorized: false,
      cert: CERT_PEM,
      key: KEY_PEM,
      servername: 'kubernetes.default',
    });
    expect(await target.tokenProvider()).toBeUndefined();
    expect(target.description).toContain('TLS verification disabled');
  });

  it('reads certificate files and tokenFile relative to the kubeconfig directory', async () => {
    write('kube/ca.crt', CA_PEM);
    write('kube/client.crt', CERT_PEM);
    write('kube/client.key', KEY_PEM);
    const tokenFile = write('kube/token', 'file-token-1\n');
    const config = write(
      'kube/config',
      kubeconfig({
        current: 'dev',
        clusters: [
          '- name: dev',
          '  cluster:',
          '    server: https://api.dev.example.test:6443',
          '    certificate-authority: ca.crt',
        ].join('\n'),
        users: [
          '- name: alice',
          '  user:',
          '    client-certificate: client.crt',
          '    client-key: client.key',
          '    tokenFile: token',
        ].join('\n'),
        contexts: '- name: dev\n  context: {cluster: dev, user: alice}',
      }),
    );
    const target = remote(await resolve({ kubeconfig: config }));
    expect(target.tls).toEqual({
      rejectUnauthorized: true,
      ca: CA_PEM,
      cert: CERT_PEM,
      key: KEY_PEM,
    });
    expect(await target.tokenProvider()).toBe('file-token-1');
    writeFileSync(tokenFile, 'file-token-2\n');
    utimesSync(tokenFile, new Date(), new Date(Date.now() + 5_000));
    expect(await target.tokenProvider()).toBe('file-token-2');
  });

  it('merges a KUBECONFIG list: the first file that sets current-context or a name wins', async () => {
    const first = write('first', kubeconfig({ current: 'prod' }));
    const second = write(
      'second',
      kubeconfig({
        current: 'dev',
        clusters: '- name: prod\n  cluster: {server: "https://other.example.test"}',
      }),
    );
    const target = remote(
      await resolve({ kubeconfig: `${path.join(dir, 'missing')}::${first}:${second}` }),
    );
    expect(target.baseUrl).toBe('https://api.prod.example.test:6443');
  });

  it('rejects an exec credential plugin instead of ignoring it', async () => {
    const config = write(
      'kubeconfig',
      kubeconfig({
        current: 'dev',
        users: [
          '- name: alice',
          '  user:',
          '    exec:',
          '      apiVersion: client.authentication.k8s.io/v1',
          '      command: oc-login-helper',
        ].join('\n'),
      }),
    );
    const error = await rejectionOf<Error>(resolve({ kubeconfig: config }));
    expect(error.message).toContain('KUBECONFIG');
    expect(error.message).toContain("user 'alice' uses an exec credential plugin");
  });

  it('rejects an auth-provider user', async () => {
    const config = write(
      'kubeconfig',
      kubeconfig({
        current: 'dev',
        users: '- name: alice\n  user:\n    auth-provider: {name: oidc}',
      }),
    );
    expect((await rejectionOf<Error>(resolve({ kubeconfig: config }))).message).toContain(
      'auth-provider',
    );
  });

  it('names the file when current-context is missing or unknown', async () => {
    const none = write('none', kubeconfig({}));
    const missing = await rejectionOf<Error>(resolve({ kubeconfig: none }));
    expect(missing.message).toContain('sets no current-context');
    expect(missing.message).toContain(none);

    const unknown = write('unknown', kubeconfig({ current: 'staging' }));
    expect((await rejectionOf<Error>(resolve({ kubeconfig: unknown }))).message).toContain(
      "current-context 'staging' is not defined",
    );
  });

  it('names KUBECONFIG when the file is not a kubeconfig', async () => {
    const bad = write('bad', 'clusters:\n- name: x\n  cluster: {}\n');
    const error = await rejectionOf<Error>(resolve({ kubeconfig: bad }));
    expect(error.message).toMatch(/^KUBECONFIG: .*bad is not a valid kubeconfig/);
  });

  it('names KUBECONFIG when none of its files exists', async () => {
    const error = await rejectionOf<Error>(resolve({ kubeconfig: path.join(dir, 'nope') }));
    expect(error.message).toContain('KUBECONFIG: none of the listed files exists');
  });

  it('falls back to ~/.kube/config when KUBECONFIG is unset', async () => {
    write('home/.kube/config', kubeconfig({ current: 'dev' }));
    const target = await resolve({ home: path.join(dir, 'home') });
    expect(target.kind).toBe('kubeconfig');
  });
});

describe('in-cluster service account', () => {
  it('uses KUBERNETES_SERVICE_HOST/PORT with the mounted token and CA, re-reading the token', async () => {
    const sa = path.join(dir, 'sa');
    write('sa/ca.crt', CA_PEM);
    const tokenFile = write('sa/token', 'jwt-1');
    write('sa/namespace', 'gateway\n');
    const target = remote(
      await resolveUpstreamTarget(
        {
          ...NONE,
          home: path.join(dir, 'empty-home'),
          inClusterHost: 'fd00::1',
          inClusterPort: '443',
        },
        { serviceAccountDir: sa },
      ),
    );
    expect(target).toMatchObject({
      kind: 'in-cluster',
      baseUrl: 'https://[fd00::1]:443',
      namespace: 'gateway',
      tls: { rejectUnauthorized: true, ca: CA_PEM },
    });
    expect(await target.tokenProvider()).toBe('jwt-1');
    writeFileSync(tokenFile, 'jwt-2');
    utimesSync(tokenFile, new Date(), new Date(Date.now() + 5_000));
    expect(await target.tokenProvider()).toBe('jwt-2');
    expect(target.description).not.toContain('jwt-');
  });

  it('fails clearly when the service-account files are missing', async () => {
    const error = await rejectionOf<Error>(
      resolve({ inClusterHost: '10.0.0.1', inClusterPort: '443' }),
    );
    expect(error.message).toContain('KUBERNETES_SERVICE_HOST');
    expect(error.message).toContain('ca.crt');
  });
});

describe('simulator fallback', () => {
  it('answers the simulator when nothing is configured', async () => {
    const target = await resolve({ home: path.join(dir, 'empty-home') });
    expect(target.kind).toBe('simulator');
    expect(target.description).toContain('simulator');
  });
});
