/**
 * The container image and the OpenShift manifests, checked statically: there is no Docker engine
 * or cluster here. Every check is also run against a plausible mistake to show that it can fail.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { CHECKS, IMAGE, type Rendered } from './checks.js';
import { checkDockerfile, checkDockerignore, contextSources } from './dockerfile.js';
import { type K8sObject, readYamlDocuments, referencedPaths, render } from './kustomize.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const DEPLOY = join(ROOT, 'deploy');
const MODES = ['passthrough', 'service'] as const;

const rendered = (mode: (typeof MODES)[number]): Rendered => ({
  mode,
  objects: render(join(DEPLOY, mode)),
});

/** A deep copy of an overlay, changed by `mutate`, for showing that a check catches a mistake. */
function broken(mode: (typeof MODES)[number], mutate: (objects: K8sObject[]) => void): Rendered {
  const objects = structuredClone(render(join(DEPLOY, mode)));
  mutate(objects);
  return { mode, objects };
}

/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-return, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-argument --
   mutations reach into objects whose shape the checks themselves verify */
const find = (objects: K8sObject[], kind: string, name?: string): any => {
  const found = objects.find(
    (o) => o.kind === kind && (name === undefined || o.metadata?.name === name),
  );
  if (!found) throw new Error(`no ${kind} ${name ?? ''}`);
  return found;
};
const pod = (objects: K8sObject[]): any => find(objects, 'Deployment').spec.template.spec;
const container = (objects: K8sObject[]): any => pod(objects).containers[0];
const config = (objects: K8sObject[]): Record<string, string> => find(objects, 'ConfigMap').data;

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? yamlFiles(join(dir, e.name))
      : /\.ya?ml$/.test(e.name)
        ? [join(dir, e.name)]
        : [],
  );
}

describe('deploy/ files', () => {
  const files = yamlFiles(DEPLOY);
  const kustomizationDirs = files
    .filter((f) => f.endsWith('/kustomization.yaml'))
    .map((f) => dirname(f));

  it('parses every YAML document in deploy/', () => {
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) expect(() => readYamlDocuments(file), file).not.toThrow();
  });

  it('has one overlay per auth mode, plus the Redis overlay and the minimal Redis', () => {
    expect(kustomizationDirs.map((d) => relative(DEPLOY, d)).sort()).toEqual(
      ['base', ...MODES, 'redis', 'redis-minimal'].sort(),
    );
  });

  it('names only files that exist in its kustomizations, and leaves no manifest unused', () => {
    const used = new Set<string>();
    for (const dir of kustomizationDirs) {
      for (const path of referencedPaths(dir)) {
        expect(existsSync(path), `${relative(ROOT, dir)} refers to ${relative(ROOT, path)}`).toBe(
          true,
        );
        used.add(path);
      }
    }
    const unused = files.filter((f) => !f.endsWith('/kustomization.yaml') && !used.has(f));
    expect(unused.map((f) => relative(ROOT, f))).toEqual([]);
  });

  it('uses the one image placeholder wherever an image is named', () => {
    const texts = [...files, join(DEPLOY, 'README.md')].map((f) => readFileSync(f, 'utf8'));
    const refs = texts.flatMap(
      (t) => t.match(/image-registry\.openshift-image-registry\.svc[^\s`'",)]*/g) ?? [],
    );
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) expect(ref).toBe(IMAGE);
  });
});

describe.each(MODES)('deploy/%s', (mode) => {
  it.each(Object.entries(CHECKS))('%s', (_name, check) => {
    expect(check(rendered(mode))).toEqual([]);
  });
});

// Each row: a plausible mistake, and the check that must report it.
const MISTAKES: [string, (typeof MODES)[number], (o: K8sObject[]) => void, string, RegExp][] = [
  ['a missing kind', 'passthrough', (o) => delete o[0]!.kind, 'every object', /no kind/],
  [
    'a hard-coded namespace',
    'service',
    (o) => (o[0]!.metadata!.namespace = 'demo'),
    'every object',
    /namespace-agnostic/,
  ],
  [
    'a misspelled service account',
    'passthrough',
    (o) => (pod(o).serviceAccountName = 'gateway'),
    'serviceAccountName',
    /ServiceAccount gateway/,
  ],
  [
    'another image',
    'passthrough',
    (o) => (container(o).image = 'quay.io/x/gateway:1'),
    'placeholder image',
    /image must be/,
  ],
  [
    'no image trigger',
    'passthrough',
    (o) => (find(o, 'Deployment').metadata.annotations['image.openshift.io/triggers'] = '[]'),
    'placeholder image',
    /triggers/,
  ],
  [
    'an env typo',
    'passthrough',
    (o) => (config(o).CACHE_MAX_BYTE = '1024'),
    'src/server/config.ts accepts',
    /CACHE_MAX_BYTE is not read/,
  ],
  [
    'an invalid value',
    'service',
    (o) => (config(o).CACHE_MAX_BYTES = '128Mi'),
    'src/server/config.ts accepts',
    /CACHE_MAX_BYTES must be/,
  ],
  [
    'the wrong auth mode',
    'service',
    (o) => (config(o).AUTH_MODE = 'passthrough'),
    'src/server/config.ts accepts',
    /AUTH_MODE must be service/,
  ],
  [
    'liveness on /readyz',
    'passthrough',
    (o) => (container(o).livenessProbe.httpGet.path = '/readyz'),
    'agree on the port',
    /livenessProbe must GET \/healthz/,
  ],
  [
    'readiness on /healthz',
    'service',
    (o) => (container(o).readinessProbe.httpGet.path = '/healthz'),
    'agree on the port',
    /readinessProbe must GET \/readyz/,
  ],
  [
    'PORT changed without the container port',
    'passthrough',
    (o) => (config(o).PORT = '8080'),
    'agree on the port',
    /container port 'http' must be PORT 8080/,
  ],
  [
    'a Service targeting another port',
    'passthrough',
    (o) => (find(o, 'Service').spec.ports[0].targetPort = 8080),
    'agree on the port',
    /Service targetPort 8080/,
  ],
  [
    'a Route to another Service',
    'passthrough',
    (o) => (find(o, 'Route').spec.to.name = 'gateway'),
    'the Route',
    /not a defined Service/,
  ],
  [
    'a Route to a port the Service lacks',
    'service',
    (o) => (find(o, 'Route').spec.port.targetPort = 'web'),
    'the Route',
    /Route port web/,
  ],
  [
    'plain HTTP allowed',
    'passthrough',
    (o) => (find(o, 'Route').spec.tls.insecureEdgeTerminationPolicy = 'Allow'),
    'the Route',
    /Redirect/,
  ],
  [
    'a router timeout below the request deadline',
    'passthrough',
    (o) => (find(o, 'Route').metadata.annotations['haproxy.router.openshift.io/timeout'] = '30s'),
    'the Route',
    /REQUEST_TIMEOUT_MS/,
  ],
  [
    'a Service selecting nothing',
    'passthrough',
    (o) => (find(o, 'Service').spec.selector = { app: 'other' }),
    'select the gateway pods',
    /Service selector/,
  ],
  [
    'a PDB that blocks drains',
    'passthrough',
    (o) => (find(o, 'PodDisruptionBudget').spec.minAvailable = 2),
    'select the gateway pods',
    /blocks every drain/,
  ],
  [
    'a fixed runAsUser',
    'passthrough',
    (o) => (container(o).securityContext.runAsUser = 1001),
    'restricted-v2',
    /runAsUser/,
  ],
  [
    'a fixed fsGroup',
    'service',
    (o) => (pod(o).securityContext.fsGroup = 1001),
    'restricted-v2',
    /fsGroup/,
  ],
  [
    'privilege escalation allowed',
    'passthrough',
    (o) => (container(o).securityContext.allowPrivilegeEscalation = true),
    'restricted-v2',
    /allowPrivilegeEscalation/,
  ],
  [
    'capabilities kept',
    'passthrough',
    (o) => delete container(o).securityContext.capabilities,
    'restricted-v2',
    /drop ALL/,
  ],
  [
    'no seccomp profile',
    'passthrough',
    (o) =>
      delete container(o).securityContext.seccompProfile &&
      delete pod(o).securityContext.seccompProfile,
    'restricted-v2',
    /RuntimeDefault/,
  ],
  [
    'a writable root filesystem',
    'service',
    (o) => (container(o).securityContext.readOnlyRootFilesystem = false),
    'restricted-v2',
    /readOnlyRootFilesystem/,
  ],
  [
    'no /tmp volume',
    'passthrough',
    (o) =>
      (container(o).volumeMounts = container(o).volumeMounts.filter(
        (m: { mountPath: string }) => m.mountPath !== '/tmp',
      )),
    'only /tmp',
    /\/tmp must be an emptyDir/,
  ],
  [
    'the CA volume forgotten',
    'passthrough',
    (o) =>
      (container(o).volumeMounts = container(o).volumeMounts.filter(
        (m: { mountPath: string }) => m.mountPath === '/tmp',
      )),
    'only /tmp',
    /OPENSHIFT_CA_FILE/,
  ],
  [
    'a token mounted in pass-through mode',
    'passthrough',
    (o) => (pod(o).automountServiceAccountToken = true),
    'only /tmp',
    /must not mount/,
  ],
  [
    'no token in service mode',
    'service',
    (o) => (pod(o).automountServiceAccountToken = false),
    'only /tmp',
    /automountServiceAccountToken: true/,
  ],
  [
    'no memory limit',
    'passthrough',
    (o) => delete container(o).resources.limits.memory,
    'requests and limits',
    /limits.memory is missing/,
  ],
  [
    'the default 256 MiB cache in 512Mi',
    'passthrough',
    (o) => delete config(o).CACHE_MAX_BYTES,
    'requests and limits',
    /must exceed CACHE_MAX_BYTES/,
  ],
  [
    'a heap cap at the limit',
    'service',
    (o) => (container(o).env[0].value = '--max-old-space-size=512'),
    'requests and limits',
    /leave 64 MiB/,
  ],
  [
    'a short grace period',
    'passthrough',
    (o) => (pod(o).terminationGracePeriodSeconds = 15),
    'terminationGracePeriodSeconds',
    /must exceed preStop/,
  ],
  [
    'a longer drain than the grace period',
    'service',
    (o) => (config(o).SHUTDOWN_GRACE_MS = '30000'),
    'terminationGracePeriodSeconds',
    /SHUTDOWN_GRACE_MS \(30000 ms\)/,
  ],
  [
    'image rights in pass-through mode',
    'passthrough',
    (o) =>
      o.push(
        ...structuredClone(
          render(join(DEPLOY, 'service')).filter(
            (x) => x.kind === 'Role' || x.kind === 'RoleBinding',
          ),
        ),
      ),
    'least the auth mode needs',
    /grant the gateway's account nothing, but it gets: image.openshift.io\/imagestreamimages:get/,
  ],
  [
    'list as well as get',
    'service',
    (o) => find(o, 'Role').rules[0].verbs.push('list'),
    'least the auth mode needs',
    /exactly get/,
  ],
  [
    'imagestreams we do not read',
    'service',
    (o) => find(o, 'Role').rules[0].resources.push('imagestreams'),
    'least the auth mode needs',
    /exactly get/,
  ],
  [
    'a cluster-wide binding',
    'service',
    (o) => (find(o, 'RoleBinding').kind = 'ClusterRoleBinding'),
    'least the auth mode needs',
    /cluster-wide/,
  ],
  [
    'a built-in role we cannot see',
    'service',
    (o) => (find(o, 'RoleBinding').roleRef = { kind: 'ClusterRole', name: 'view' }),
    'least the auth mode needs',
    /not in the manifests/,
  ],
  [
    'no RBAC in service mode',
    'service',
    (o) => o.splice(o.indexOf(find(o, 'RoleBinding')), 1),
    'least the auth mode needs',
    /but it gets: nothing/,
  ],
];
/* eslint-enable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-return, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-argument */

describe('the manifest checks catch', () => {
  it.each(MISTAKES)('%s (deploy/%s)', (_name, mode, mutate, checkName, expected) => {
    const entry = Object.entries(CHECKS).find(([name]) => name.includes(checkName));
    expect(entry, `a check named like '${checkName}'`).toBeDefined();
    const problems = entry![1](broken(mode, mutate));
    expect(problems.join('\n')).toMatch(expected);
  });
});

describe('the renderer', () => {
  const kubectl = (() => {
    try {
      execFileSync('kubectl', ['version', '--client'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();

  it.skipIf(!kubectl).each(MODES)('renders deploy/%s as kubectl kustomize does', (mode) => {
    const out = execFileSync('kubectl', ['kustomize', join(DEPLOY, mode)], { encoding: 'utf8' });
    // Generated ConfigMaps carry a content hash; the renderer here leaves it off.
    const unhashed = out.replace(/(openshift-image-graphql-config)-[a-z0-9]{10}\b/g, '$1');
    const key = (o: K8sObject) => `${String(o.kind)}/${String(o.metadata?.name)}`;
    const sort = (objects: K8sObject[]) =>
      [...objects].sort((a, b) => key(a).localeCompare(key(b)));
    const expected = parseAllDocuments(unhashed).map((d) => d.toJS() as K8sObject);
    expect(sort(render(join(DEPLOY, mode)))).toEqual(sort(expected));
  });

  it('refuses kustomize features it does not implement', () => {
    // A kustomization with `images:` or `namespace:` would be rendered wrongly; the renderer throws.
    const dir = join(ROOT, 'test/unit/deploy/fixtures/unsupported');
    expect(() => render(dir)).toThrow(/field 'namespace' is not implemented/);
  });
});

describe('Dockerfile', () => {
  const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    scripts: { start: string };
  };
  const expectations = { startScript: pkg.scripts.start, port: 4000 };

  it('builds in stages and runs node as a non-root numeric user with production dependencies', () => {
    expect(checkDockerfile(dockerfile, expectations)).toEqual([]);
  });

  it('has a .dockerignore that keeps node_modules out and what it copies in', () => {
    const ignore = readFileSync(join(ROOT, '.dockerignore'), 'utf8');
    expect(contextSources(dockerfile)).toEqual(
      expect.arrayContaining(['package.json', 'package-lock.json', 'src', 'schema']),
    );
    expect(checkDockerignore(ignore, contextSources(dockerfile))).toEqual([]);
    expect(checkDockerignore(`${ignore}\nsrc\n`, contextSources(dockerfile)).join()).toMatch(
      /excludes src/,
    );
    expect(checkDockerignore('dist\n', []).join()).toMatch(/must exclude node_modules/);
  });

  it('installs production dependencies with --ignore-scripts only while none needs its install script', () => {
    const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { dev?: boolean; hasInstallScript?: boolean }>;
    };
    const scripted = Object.entries(lock.packages)
      .filter(([, p]) => p.hasInstallScript === true && p.dev !== true)
      .map(([name]) => name);
    if (/npm ci --omit=dev[^\n]*--ignore-scripts/.test(dockerfile)) expect(scripted).toEqual([]);
  });

  const DOCKERFILE_MISTAKES: [string, (text: string) => string, RegExp][] = [
    ['a single stage', (t) => t.slice(t.indexOf('FROM ${NODE_IMAGE} AS runtime')), /multi-stage/],
    ['a latest base', (t) => t.replace(/^(ARG NODE_IMAGE=[^:\n]*):\S+$/m, '$1:latest'), /pinned/],
    ['an untagged base', (t) => t.replace(/^(ARG NODE_IMAGE=[^:\n]*):\S+$/m, '$1'), /pinned/],
    ['running as root', (t) => t.replace(/^USER 1001$/m, 'USER root'), /numeric non-root USER/],
    ['no USER at all', (t) => t.replace(/^USER 1001$/m, ''), /numeric non-root USER/],
    ['npm as PID 1', (t) => t.replace(/^CMD .*$/m, 'CMD ["npm", "start"]'), /exec form/],
    ['a shell-form CMD', (t) => t.replace(/^CMD .*$/m, 'CMD node dist/main.js'), /exec form/],
    [
      'dev dependencies at run time',
      (t) => t.replace('--omit=dev ', ''),
      /production dependencies only/,
    ],
    [
      'node_modules from the build stage (dev dependencies)',
      (t) => t.replace('COPY --from=deps /app/node_modules', 'COPY --from=build /app/node_modules'),
      /production dependencies only/,
    ],
    [
      'npm ci in the runtime stage',
      (t) =>
        t.replace(
          'COPY --from=deps /app/node_modules ./node_modules',
          'COPY package-lock.json ./\nRUN npm ci --omit=dev',
        ),
      /must not run npm/,
    ],
    [
      'npm left in the runtime image',
      (t) => t.replace(/^RUN rm -rf \/usr\/local\/lib\/node_modules\/npm .*\\\n.*$/m, 'RUN true'),
      /must remove npm/,
    ],
    [
      'npm install',
      (t) => t.replace('RUN npm ci --engine', 'RUN npm install --engine'),
      /not npm install/,
    ],
    [
      'npm ci before the lockfile',
      (t) => t.replace(/^COPY package\.json package-lock\.json \.\/$/m, 'COPY package.json ./'),
      /before package-lock.json/,
    ],
    [
      'engine-strict on',
      (t) => t.replace('--engine-strict=false', '--engine-strict=true'),
      /engine-strict/,
    ],
    ['no NODE_ENV', (t) => t.replace('ENV NODE_ENV=production', ''), /NODE_ENV/],
    ['no schema at run time', (t) => t.replace('COPY schema ./schema', ''), /schema/],
    [
      'dist from the context',
      (t) => t.replace('COPY --from=build /app/dist', 'COPY dist'),
      /copy dist/,
    ],
  ];

  it.each(DOCKERFILE_MISTAKES)('catches %s', (_name, mutate, expected) => {
    const mutated = mutate(dockerfile);
    expect(mutated).not.toBe(dockerfile);
    expect(checkDockerfile(mutated, expectations).join('\n')).toMatch(expected);
  });
});
