/**
 * deploy/redis (the gateway sharing a Redis, with a HorizontalPodAutoscaler) and
 * deploy/redis-minimal (a small Redis), checked statically like the other overlays. Every check
 * is also run against a plausible mistake.
 */
/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-return, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-argument --
   the checks reach into objects whose shape they verify */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/server/config.js';
import { CHECKS, workload, type Rendered } from './checks.js';
import { type K8sObject, render } from './kustomize.js';

const DEPLOY = join(resolve(dirname(fileURLToPath(import.meta.url)), '../../..'), 'deploy');
const SECRET = 'openshift-image-graphql-redis';

const find = (objects: readonly K8sObject[], kind: string, component?: string): any =>
  objects.find(
    (o) =>
      o.kind === kind &&
      (component === undefined ||
        o.metadata?.labels?.['app.kubernetes.io/component'] === component),
  );

type Check = (objects: readonly K8sObject[]) => string[];

/** The gateway overlay: secrets from the Secret, a config the gateway accepts, a sane HPA. */
const GATEWAY_CHECKS: Record<string, Check> = {
  'REDIS_URL and CACHE_SHARED_SECRET come from the Secret, never from the ConfigMap': (objects) => {
    const p: string[] = [];
    const container = workload({ mode: 'passthrough', objects }).container as any;
    for (const name of ['REDIS_URL', 'CACHE_SHARED_SECRET']) {
      const entry = (container.env ?? []).find((e: any) => e.name === name);
      const ref = entry?.valueFrom?.secretKeyRef;
      if (ref?.name !== SECRET || ref?.key !== name) {
        p.push(`${name} must come from secret ${SECRET} key ${name}`);
      }
    }
    const config = find(objects, 'ConfigMap')?.data ?? {};
    for (const name of ['REDIS_URL', 'CACHE_SHARED_SECRET', 'REDIS_PASSWORD']) {
      if (name in config) p.push(`${name} must not be in the ConfigMap (it is a secret)`);
    }
    return p;
  },
  'with the Secret filled in, src/server/config.ts turns the Redis tier on': (objects) => {
    const data = { ...(find(objects, 'ConfigMap')?.data ?? {}) };
    try {
      const config = loadConfig({
        ...data,
        REDIS_URL: `redis://:password@${SECRET}:6379`,
        CACHE_SHARED_SECRET: 'x'.repeat(48),
      });
      return config.sharedCache === undefined ? ['the Redis tier stays off'] : [];
    } catch (error) {
      return [String(error)];
    }
  },
  'the HorizontalPodAutoscaler scales the gateway Deployment, above the PodDisruptionBudget': (
    objects,
  ) => {
    const p: string[] = [];
    const hpa = find(objects, 'HorizontalPodAutoscaler');
    const deployment = find(objects, 'Deployment');
    const pdb = find(objects, 'PodDisruptionBudget');
    if (hpa === undefined) return ['no HorizontalPodAutoscaler'];
    const target = hpa.spec?.scaleTargetRef;
    if (target?.kind !== 'Deployment' || target?.name !== deployment?.metadata?.name) {
      p.push(`the HPA scales ${target?.kind} ${target?.name}, not the gateway Deployment`);
    }
    const min = hpa.spec?.minReplicas ?? 1;
    if (min <= (pdb?.spec?.minAvailable ?? 0)) {
      p.push(`minReplicas ${min} must exceed the PDB's minAvailable, or no drain can proceed`);
    }
    if (!(hpa.spec?.maxReplicas > min)) p.push('maxReplicas must exceed minReplicas');
    const limits = deployment?.spec?.template?.spec?.containers?.[0]?.resources?.requests;
    if (limits?.cpu === undefined) p.push('CPU utilisation needs a CPU request on the gateway');
    return p;
  },
};

/** The minimal Redis: a cache (evicting, no persistence), locked down to the gateway pods. */
const MINIMAL_CHECKS: Record<string, Check> = {
  'redis.conf is a bounded, evicting cache without persistence': (objects) => {
    const conf: string = find(objects, 'ConfigMap', 'redis')?.data?.['redis.conf'] ?? '';
    const p: string[] = [];
    if (!/^maxmemory \d+[kmg]b$/m.test(conf)) p.push('maxmemory must be set');
    if (!/^maxmemory-policy allkeys-(lru|lfu)$/m.test(conf)) {
      p.push('maxmemory-policy must be allkeys-lru (or -lfu): noeviction fails writes when full');
    }
    if (!/^save ""$/m.test(conf) || !/^appendonly no$/m.test(conf)) p.push('no persistence');
    return p;
  },
  'only the gateway pods may connect, with the password from the Secret': (objects) => {
    const p: string[] = [];
    const policy = find(objects, 'NetworkPolicy', 'redis');
    const from = policy?.spec?.ingress?.[0]?.from ?? [];
    const gatewayOnly =
      from.length === 1 &&
      from[0].podSelector?.matchLabels?.['app.kubernetes.io/component'] === 'gateway' &&
      from[0].namespaceSelector === undefined;
    if (!gatewayOnly || policy?.spec?.ingress?.length !== 1) {
      p.push('the NetworkPolicy must admit only the gateway pods');
    }
    const container = find(objects, 'Deployment', 'redis')?.spec?.template?.spec?.containers?.[0];
    const password = (container?.env ?? []).find((e: any) => e.name === 'REDIS_PASSWORD');
    if (password?.valueFrom?.secretKeyRef?.name !== SECRET) {
      p.push(`REDIS_PASSWORD must come from secret ${SECRET}`);
    }
    if (!(container?.command ?? []).includes('--requirepass')) p.push('Redis must require AUTH');
    const context = container?.securityContext ?? {};
    if (context.allowPrivilegeEscalation !== false || context.runAsUser !== undefined) {
      p.push('the Redis container must be restricted-v2 compatible');
    }
    return p;
  },
  'the Service selects the Redis pods, never the gateway': (objects) => {
    const selector = find(objects, 'Service', 'redis')?.spec?.selector ?? {};
    return selector['app.kubernetes.io/component'] === 'redis'
      ? []
      : ['the Redis Service must select component=redis'];
  },
};

const gateway = (): Rendered => ({ mode: 'passthrough', objects: render(join(DEPLOY, 'redis')) });
const minimal = (): K8sObject[] => render(join(DEPLOY, 'redis-minimal'));

describe('deploy/redis', () => {
  it.each(Object.entries(CHECKS))('%s', (_name, check) => {
    expect(check(gateway())).toEqual([]);
  });
  it.each(Object.entries(GATEWAY_CHECKS))('%s', (_name, check) => {
    expect(check(gateway().objects)).toEqual([]);
  });
});

describe('deploy/redis-minimal', () => {
  it.each(Object.entries(MINIMAL_CHECKS))('%s', (_name, check) => {
    expect(check(minimal())).toEqual([]);
  });
});

const MISTAKES: [string, () => K8sObject[], (o: any[]) => void, Record<string, Check>, RegExp][] = [
  [
    'the shared secret as a literal',
    () => structuredClone(gateway().objects) as K8sObject[],
    (o) => (find(o, 'ConfigMap').data.CACHE_SHARED_SECRET = 'x'.repeat(40)),
    GATEWAY_CHECKS,
    /must not be in the ConfigMap/,
  ],
  [
    'an HPA on another Deployment',
    () => structuredClone(gateway().objects) as K8sObject[],
    (o) => (find(o, 'HorizontalPodAutoscaler').spec.scaleTargetRef.name = 'gateway'),
    GATEWAY_CHECKS,
    /not the gateway Deployment/,
  ],
  [
    'an HPA that can block drains',
    () => structuredClone(gateway().objects) as K8sObject[],
    (o) => (find(o, 'HorizontalPodAutoscaler').spec.minReplicas = 1),
    GATEWAY_CHECKS,
    /must exceed the PDB/,
  ],
  [
    'Redis left at noeviction',
    minimal,
    (o) =>
      (find(o, 'ConfigMap', 'redis').data['redis.conf'] = find(o, 'ConfigMap', 'redis').data[
        'redis.conf'
      ].replace('allkeys-lru', 'noeviction')),
    MINIMAL_CHECKS,
    /allkeys-lru/,
  ],
  [
    'Redis open to the namespace',
    minimal,
    (o) => (find(o, 'NetworkPolicy', 'redis').spec.ingress[0].from = [{ podSelector: {} }]),
    MINIMAL_CHECKS,
    /only the gateway pods/,
  ],
];

describe('the Redis manifest checks catch', () => {
  it.each(MISTAKES)('%s', (_name, load, mutate, checks, expected) => {
    const objects = load();
    mutate(objects);
    const problems = Object.values(checks).flatMap((check) => check(objects));
    expect(problems.join('\n')).toMatch(expected);
  });
});
