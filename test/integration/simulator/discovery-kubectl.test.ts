import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { DEMO, startSimulator, type Simulator } from '../../../src/simulator/index.js';
import { debianKubectl } from '../../support/kubectl.js';
import { DEMO_STREAM_NAMES, fetchRaw } from '../../support/simulator-http.js';

const run = promisify(execFile);
let sim: Simulator;
let plain: Simulator;
let dir: string;

beforeAll(async () => {
  // kubectl sends a bearer token only over TLS, so it talks to an HTTPS simulator.
  sim = await startSimulator({ tls: true });
  plain = await startSimulator();
  dir = mkdtempSync(join(tmpdir(), 'sim-kubectl-'));
  writeFileSync(join(dir, 'ca.crt'), sim.caPem ?? '');
  writeFileSync(
    join(dir, 'config'),
    [
      'apiVersion: v1',
      'kind: Config',
      'clusters:',
      '- name: sim',
      '  cluster:',
      `    server: ${sim.url}`,
      `    certificate-authority: ${join(dir, 'ca.crt')}`,
      'contexts:',
      '- name: sim',
      '  context: {cluster: sim, user: developer, namespace: demo}',
      'current-context: sim',
      'users:',
      '- name: developer',
      `  user: {token: "${sim.token('developer')}"}`,
      '',
    ].join('\n'),
  );
});
afterAll(async () => {
  await sim.close();
  await plain.close();
  rmSync(dir, { recursive: true, force: true });
});

const kubectl = async (...args: string[]): Promise<string> => {
  const { stdout } = await run(
    debianKubectl(),
    ['--kubeconfig', join(dir, 'config'), '--cache-dir', join(dir, 'cache'), ...args],
    { timeout: 30_000 },
  );
  return stdout;
};

describe('discovery documents', () => {
  it('lists the image.openshift.io/v1 resources with verbs, kind, scope and short names', async () => {
    const res = await fetchRaw(plain.url, '/apis/image.openshift.io/v1', {
      token: plain.token('developer'),
    });
    expect(res.status).toBe(200);
    expect(res.text.endsWith('\n')).toBe(true);
    const body = res.json() as {
      kind: string;
      groupVersion: string;
      resources: { name: string; shortNames?: string[]; namespaced: boolean; verbs: string[] }[];
    };
    expect(body.kind).toBe('APIResourceList');
    expect(body.groupVersion).toBe('image.openshift.io/v1');
    const byName = new Map(body.resources.map((r) => [r.name, r]));
    expect(byName.get('imagestreams')).toMatchObject({
      singularName: 'imagestream',
      namespaced: true,
      kind: 'ImageStream',
      shortNames: ['is'],
    });
    expect(byName.get('imagestreams')?.verbs).toContain('watch');
    expect(byName.get('imagestreamtags')?.shortNames).toStrictEqual(['istag']);
    expect(byName.get('imagestreamimages')).toMatchObject({
      verbs: ['get'],
      shortNames: ['isimage'],
    });
    expect(byName.get('images')?.namespaced).toBe(false);
    expect(byName.get('imagestreams/layers')?.verbs).toStrictEqual(['get']);
  });

  it('serves /api, /apis and the group, and refuses them to anonymous callers', async () => {
    const token = plain.token('developer');
    const apis = (await fetchRaw(plain.url, '/apis', { token })).json();
    expect(apis).toMatchObject({ kind: 'APIGroupList', apiVersion: 'v1' });
    expect((apis as { groups: { name: string }[] }).groups.map((g) => g.name)).toStrictEqual([
      'authorization.k8s.io',
      'image.openshift.io',
    ]);
    expect((await fetchRaw(plain.url, '/api', { token })).json()).toMatchObject({
      kind: 'APIVersions',
      versions: ['v1'],
    });
    expect((await fetchRaw(plain.url, '/apis/image.openshift.io', { token })).json()).toMatchObject(
      { kind: 'APIGroup', preferredVersion: { groupVersion: 'image.openshift.io/v1' } },
    );
    const anonymous = await fetchRaw(plain.url, '/apis');
    expect(anonymous.status).toBe(403);
    expect(anonymous.json()).toHaveProperty(
      'message',
      'forbidden: User "system:anonymous" cannot get path "/apis"',
    );
  });
});

describe('kubectl against the simulator', () => {
  it('lists the demo streams with kubectl get imagestreams and the is short name', async () => {
    const names = await kubectl('get', 'imagestreams', '-n', DEMO.namespaces.demo, '-o', 'name');
    expect(names.trim().split('\n')).toStrictEqual(
      DEMO_STREAM_NAMES.map((n) => `imagestream.image.openshift.io/${n}`),
    );
    const table = await kubectl('get', 'is', '-n', DEMO.namespaces.demo);
    const rows = table.trim().split('\n');
    expect(rows[0]).toMatch(/^NAME\s+AGE$/);
    expect(rows.slice(1).map((r) => r.split(/\s+/)[0])).toStrictEqual(DEMO_STREAM_NAMES);
    expect(sim.requests.count({ verb: 'list', resource: 'imagestreams', user: 'developer' })).toBe(
      2,
    );
  });

  it('reads one stream as JSON and a raw path with kubectl get --raw', async () => {
    const one = JSON.parse(await kubectl('get', 'is', 'ubuntu', '-o', 'json')) as {
      metadata: { name: string };
    };
    expect(one.metadata.name).toBe('ubuntu');
    const raw = JSON.parse(
      await kubectl(
        'get',
        '--raw',
        `/apis/image.openshift.io/v1/namespaces/demo/imagestreamimages/ubuntu@${DEMO.digests.arm64}`,
      ),
    ) as { image: { metadata: { name: string } } };
    expect(raw.image.metadata.name).toBe(DEMO.digests.arm64);
  });
});
