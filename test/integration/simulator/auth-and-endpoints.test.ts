import { Agent, request } from 'undici';
import { describe, expect, it } from 'vitest';

import { DEMO, DEMO_USERS, startSimulator, type Simulator } from '../../../src/simulator/index.js';
import { apiPath, fetchRaw, forbiddenStatus, simulatorFor } from '../../support/simulator-http.js';

const { demo, teamB } = DEMO.namespaces;
const ubuntuArm = apiPath(demo, 'imagestreamimages', `ubuntu@${DEMO.digests.arm64}`);
let sim: Simulator;

simulatorFor('all', (started) => {
  sim = started;
});

describe('authentication and authorization', () => {
  it('answers a request without a token with 403 as system:anonymous', async () => {
    const res = await fetchRaw(sim.url, ubuntuArm);
    expect(res.status).toBe(403);
    expect(res.json()).toStrictEqual(
      forbiddenStatus(
        `imagestreamimages.image.openshift.io "ubuntu@${DEMO.digests.arm64}" is forbidden: User "system:anonymous" cannot get resource "imagestreamimages" in API group "image.openshift.io" in the namespace "demo"`,
        {
          name: `ubuntu@${DEMO.digests.arm64}`,
          group: 'image.openshift.io',
          kind: 'imagestreamimages',
        },
      ),
    );
  });

  it('names the resource of the request in a 403 (imagestreamtags, imagestreams)', async () => {
    const token = sim.token('teamb');
    const tag = await fetchRaw(sim.url, apiPath(demo, 'imagestreamtags', 'ubuntu:latest'), {
      token,
    });
    expect(tag.json()).toHaveProperty(
      'message',
      'imagestreamtags.image.openshift.io "ubuntu:latest" is forbidden: User "teamb" cannot get resource "imagestreamtags" in API group "image.openshift.io" in the namespace "demo"',
    );
    const stream = await fetchRaw(sim.url, apiPath(demo, 'imagestreams', 'ubuntu'), { token });
    expect(stream.status).toBe(403);
    expect(stream.json()).toHaveProperty('details.kind', 'imagestreams');
  });

  it('checks authorization before the name: a forbidden malformed name is 403, not 400', async () => {
    const res = await fetchRaw(sim.url, apiPath(demo, 'imagestreamimages', 'ubuntu'), {
      token: sim.token('teamb'),
    });
    expect(res.status).toBe(403);
  });

  it('gives each user exactly its namespaces and admin all of them', async () => {
    const teamBPath = apiPath(teamB, 'imagestreamimages', `shared@${DEMO.digests.python}`);
    const demoPath = apiPath(demo, 'imagestreamimages', `python@${DEMO.digests.python}`);
    const status = async (path: string, user: string) =>
      (await fetchRaw(sim.url, path, { token: sim.token(user) })).status;
    expect(await status(demoPath, 'developer')).toBe(200);
    expect(await status(teamBPath, 'developer')).toBe(403);
    expect(await status(teamBPath, 'teamb')).toBe(200);
    expect(await status(demoPath, 'teamb')).toBe(403);
    expect(await status(demoPath, 'admin')).toBe(200);
    expect(await status(teamBPath, 'admin')).toBe(200);
  });

  it('exposes the demo users with OpenShift OAuth-shaped tokens', () => {
    expect(sim.users.map((u) => u.name)).toStrictEqual(DEMO_USERS.map((u) => u.name));
    for (const user of sim.users) expect(user.token).toMatch(/^sha256~[A-Za-z0-9_-]{43}$/);
    expect(() => sim.token('nobody')).toThrow(/unknown simulator user.*'nobody'/);
  });

  it('answers a revoked token with 401 and keeps other tokens working', async () => {
    const local = await startSimulator();
    try {
      const user = local.addUser({ name: 'temp', namespaces: [demo] });
      expect((await fetchRaw(local.url, ubuntuArm, { token: user.token })).status).toBe(200);
      local.revokeToken(user.token);
      const res = await fetchRaw(local.url, ubuntuArm, { token: user.token });
      expect(res.status).toBe(401);
      expect(res.json()).toHaveProperty('reason', 'Unauthorized');
      expect((await fetchRaw(local.url, '/healthz', { token: user.token })).status).toBe(401);
      expect(
        (await fetchRaw(local.url, ubuntuArm, { token: local.token('developer') })).status,
      ).toBe(200);
    } finally {
      await local.close();
    }
  });

  it('lets a grant and an ungrant take effect on the next request', async () => {
    const local = await startSimulator();
    try {
      const path = apiPath(teamB, 'imagestreams', 'shared');
      const token = local.token('developer');
      expect((await fetchRaw(local.url, path, { token })).status).toBe(403);
      local.grant('developer', teamB);
      expect((await fetchRaw(local.url, path, { token })).status).toBe(200);
      local.ungrant('developer', teamB);
      expect((await fetchRaw(local.url, path, { token })).status).toBe(403);
    } finally {
      await local.close();
    }
  });
});

describe('non-resource endpoints', () => {
  it.each(['/healthz', '/readyz', '/livez'])(
    'answers %s with plain-text ok without a token',
    async (path) => {
      const res = await fetchRaw(sim.url, path);
      expect(res.status).toBe(200);
      expect(res.text).toBe('ok');
      expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    },
  );

  it('answers /version with an indented Kubernetes version object', async () => {
    const res = await fetchRaw(sim.url, '/version');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json');
    const body = res.json();
    expect(Object.keys(body)).toStrictEqual([
      'major',
      'minor',
      'gitVersion',
      'gitCommit',
      'gitTreeState',
      'buildDate',
      'goVersion',
      'compiler',
      'platform',
    ]);
    expect(body.gitVersion).toMatch(/^v1\.\d+\.\d+/);
    expect(res.text).toBe(JSON.stringify(body, null, 2));
  });
});

describe('TLS', () => {
  it('serves HTTPS with a self-signed certificate clients can trust through caPem', async () => {
    const secure = await startSimulator({ tls: true });
    try {
      expect(secure.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      expect(secure.caPem).toContain('BEGIN CERTIFICATE');
      const dispatcher = new Agent({ connect: { ca: secure.caPem } });
      const res = await request(`${secure.url}${ubuntuArm}`, {
        dispatcher,
        headers: { authorization: `Bearer ${secure.token('developer')}` },
      });
      expect(res.statusCode).toBe(200);
      expect(await res.body.json()).toHaveProperty('image.metadata.name', DEMO.digests.arm64);
      await dispatcher.close();
      await expect(request(`${secure.url}/healthz`)).rejects.toThrow(/certificate/i);
    } finally {
      await secure.close();
    }
  });

  it('has no caPem without tls', () => {
    expect(sim.caPem).toBeUndefined();
    expect(sim.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });
});
