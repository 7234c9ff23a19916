/**
 * Consistency checks of the rendered deploy/ manifests. Each check returns the problems it found
 * (empty when the manifests are right), so a test can show that a plausible mistake is caught.
 */
import { loadConfig, type AuthMode, type GatewayConfig } from '../../../src/server/config.js';
import type { K8sObject } from './kustomize.js';

/** The one image reference every manifest and document uses. */
export const IMAGE =
  'image-registry.openshift-image-registry.svc:5000/openshift-image-graphql/gateway:latest';

/** Where the kubelet mounts the service-account token, CA and namespace. */
export const SA_MOUNT = '/var/run/secrets/kubernetes.io/serviceaccount';

/** Memory the process needs beyond the content cache: ~200 MB working set at peak, plus headroom. */
export const MEMORY_MARGIN_BYTES = 256 * 1024 * 1024;

/** Memory outside the V8 heap (buffers, code, stacks) that the heap cap must leave under the limit. */
export const NON_HEAP_BYTES = 64 * 1024 * 1024;

interface Probe {
  httpGet?: { path?: string; port?: number | string };
}
interface SecurityContext {
  runAsNonRoot?: boolean;
  runAsUser?: number;
  runAsGroup?: number;
  fsGroup?: number;
  privileged?: boolean;
  allowPrivilegeEscalation?: boolean;
  readOnlyRootFilesystem?: boolean;
  capabilities?: { drop?: string[]; add?: string[] };
  seccompProfile?: { type?: string };
}
interface Container {
  name?: string;
  image?: string;
  ports?: { name?: string; containerPort?: number }[];
  env?: { name: string; value?: string }[];
  envFrom?: { configMapRef?: { name?: string } }[];
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: SecurityContext;
  livenessProbe?: Probe;
  readinessProbe?: Probe;
  startupProbe?: Probe;
  lifecycle?: { preStop?: { exec?: { command?: string[] }; sleep?: { seconds?: number } } };
  volumeMounts?: { name: string; mountPath: string }[];
}
interface PodSpec {
  serviceAccountName?: string;
  automountServiceAccountToken?: boolean;
  terminationGracePeriodSeconds?: number;
  hostNetwork?: boolean;
  hostPID?: boolean;
  hostIPC?: boolean;
  securityContext?: SecurityContext;
  containers?: Container[];
  initContainers?: Container[];
  volumes?: { name: string; emptyDir?: object; configMap?: { name?: string } }[];
  topologySpreadConstraints?: { labelSelector?: { matchLabels?: Record<string, string> } }[];
}
interface Deployment extends K8sObject {
  spec?: {
    replicas?: number;
    selector?: { matchLabels?: Record<string, string> };
    template?: { metadata?: { labels?: Record<string, string> }; spec?: PodSpec };
  };
}
interface Service extends K8sObject {
  spec?: {
    selector?: Record<string, string>;
    ports?: { name?: string; port?: number; targetPort?: number | string }[];
  };
}
interface Route extends K8sObject {
  spec?: {
    to?: { kind?: string; name?: string };
    port?: { targetPort?: number | string };
    tls?: { termination?: string; insecureEdgeTerminationPolicy?: string };
  };
}
interface PolicyRule {
  apiGroups?: string[];
  resources?: string[];
  verbs?: string[];
}
interface Binding extends K8sObject {
  roleRef?: { kind?: string; name?: string };
  subjects?: { kind?: string; name?: string; namespace?: string }[];
}

/** What a check reads: one overlay, rendered. */
export interface Rendered {
  readonly mode: AuthMode;
  readonly objects: readonly K8sObject[];
}

const ofKind = <T extends K8sObject>(r: Rendered, kind: string): T[] =>
  r.objects.filter((o) => o.kind === kind) as T[];
const named = <T extends K8sObject>(r: Rendered, kind: string, name: unknown): T | undefined =>
  ofKind<T>(r, kind).find((o) => o.metadata?.name === name);

/** The single Deployment, its pod spec and the gateway container; throws when missing. */
export function workload(r: Rendered): {
  deployment: Deployment;
  pod: PodSpec;
  container: Container;
} {
  const deployments = ofKind<Deployment>(r, 'Deployment');
  if (deployments.length !== 1) {
    throw new Error(`expected one Deployment, but got ${deployments.length}`);
  }
  const deployment = deployments[0]!;
  const pod = deployment.spec?.template?.spec ?? {};
  const container = pod.containers?.find((c) => c.name === 'gateway');
  if (!container) throw new Error("the Deployment has no container named 'gateway'");
  return { deployment, pod, container };
}

/** The container's environment: its ConfigMaps (envFrom) overlaid by `env`. */
export function containerEnv(r: Rendered): { env: Record<string, string>; configKeys: string[] } {
  const { container } = workload(r);
  const env: Record<string, string> = {};
  const configKeys: string[] = [];
  for (const from of container.envFrom ?? []) {
    const cm = named(r, 'ConfigMap', from.configMapRef?.name);
    if (!cm) throw new Error(`envFrom ConfigMap ${String(from.configMapRef?.name)} is not defined`);
    const data = (cm.data ?? {}) as Record<string, string>;
    Object.assign(env, data);
    configKeys.push(...Object.keys(data));
  }
  for (const e of container.env ?? []) env[e.name] = e.value ?? '';
  return { env, configKeys };
}

/** The gateway's configuration exactly as src/server/config.ts parses the pod's environment. */
export function gatewayConfig(r: Rendered): { config: GatewayConfig; read: Set<string> } {
  const { env } = containerEnv(r);
  const read = new Set<string>();
  const tracked = new Proxy(env, {
    get: (target, key) => {
      if (typeof key === 'string') read.add(key);
      return target[key as string];
    },
  });
  return { config: loadConfig(tracked), read };
}

/** Bytes in a Kubernetes quantity such as `512Mi` or `1G`. */
export function bytes(quantity: string | undefined): number {
  const m = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|Ti|k|K|M|G|T)?$/.exec(quantity ?? '');
  if (!m) return Number.NaN;
  const unit = {
    Ki: 2 ** 10,
    Mi: 2 ** 20,
    Gi: 2 ** 30,
    Ti: 2 ** 40,
    k: 1e3,
    K: 1e3,
    M: 1e6,
    G: 1e9,
    T: 1e12,
  };
  return Number(m[1]) * (m[2] ? unit[m[2] as keyof typeof unit] : 1);
}

/** Millicores in a CPU quantity such as `100m` or `1`. */
export function millicores(quantity: string | undefined): number {
  const m = /^(\d+(?:\.\d+)?)(m)?$/.exec(quantity ?? '');
  return m ? Number(m[1]) * (m[2] ? 1 : 1000) : Number.NaN;
}

const matches = (selector: Record<string, string> | undefined, labels: Record<string, string>) =>
  selector !== undefined &&
  Object.keys(selector).length > 0 &&
  Object.entries(selector).every(([k, v]) => labels[k] === v);

/** A NetworkPolicy peer (only the selectors the checks read). */
interface NetworkPeer {
  namespaceSelector?: { matchLabels?: Record<string, string> };
  podSelector?: { matchLabels?: Record<string, string> };
}

/** A NetworkPolicy's ingress rules. */
type NetworkPolicy = K8sObject & {
  spec?: { ingress?: { from?: NetworkPeer[]; ports?: { port?: number | string }[] }[] };
};

/** The container port a probe or Service port refers to, by number or by name. */
function resolvePort(container: Container, port: number | string | undefined): number | undefined {
  if (typeof port === 'number') return port;
  return container.ports?.find((p) => p.name === port)?.containerPort;
}

/** `apiGroup/resource:verb` for every rule bound to the gateway's ServiceAccount. */
export function grantedToGateway(r: Rendered): { grants: Set<string>; problems: string[] } {
  const sa = workload(r).pod.serviceAccountName;
  const grants = new Set<string>();
  const problems: string[] = [];
  for (const kind of ['RoleBinding', 'ClusterRoleBinding']) {
    for (const binding of ofKind<Binding>(r, kind)) {
      const bindsGateway = (binding.subjects ?? []).some(
        (s) => s.kind === 'ServiceAccount' && s.name === sa,
      );
      if (!bindsGateway) continue;
      if (kind === 'ClusterRoleBinding') {
        problems.push(`ClusterRoleBinding ${String(binding.metadata?.name)} grants cluster-wide`);
      }
      const role = named<K8sObject & { rules?: PolicyRule[] }>(
        r,
        binding.roleRef?.kind ?? '',
        binding.roleRef?.name,
      );
      if (!role) {
        problems.push(
          `${kind} ${String(binding.metadata?.name)} refers to ${binding.roleRef?.kind} ${binding.roleRef?.name}, which is not in the manifests (cannot verify its rules)`,
        );
        continue;
      }
      for (const rule of role.rules ?? []) {
        for (const group of rule.apiGroups ?? [])
          for (const resource of rule.resources ?? [])
            for (const verb of rule.verbs ?? []) grants.add(`${group}/${resource}:${verb}`);
      }
    }
  }
  return { grants, problems };
}

type Check = (r: Rendered) => string[];

/** Every check, by what it guards. */
export const CHECKS: Record<string, Check> = {
  'every object has apiVersion, kind and metadata.name, and names no namespace': (r) =>
    r.objects.flatMap((o, i) => {
      const id = `object #${i} (${String(o.kind)} ${String(o.metadata?.name)})`;
      const p: string[] = [];
      if (typeof o.apiVersion !== 'string' || o.apiVersion === '') p.push(`${id}: no apiVersion`);
      if (typeof o.kind !== 'string' || o.kind === '') p.push(`${id}: no kind`);
      if (typeof o.metadata?.name !== 'string' || o.metadata.name === '') {
        p.push(`${id}: no metadata.name`);
      }
      if (o.metadata?.namespace !== undefined) {
        p.push(`${id}: sets metadata.namespace; the manifests must be namespace-agnostic`);
      }
      return p;
    }),

  "the Deployment's serviceAccountName exists as a ServiceAccount": (r) => {
    const sa = workload(r).pod.serviceAccountName;
    if (sa === undefined)
      return ['the Deployment sets no serviceAccountName (it would run as default)'];
    return named(r, 'ServiceAccount', sa) ? [] : [`ServiceAccount ${sa} is not defined`];
  },

  'the container runs the placeholder image, rolled by an image trigger': (r) => {
    const { deployment, container } = workload(r);
    const p: string[] = [];
    if (container.image !== IMAGE) p.push(`image must be ${IMAGE}, but got: ${container.image}`);
    const trigger = deployment.metadata?.annotations?.['image.openshift.io/triggers'];
    const parsed = trigger === undefined ? [] : (JSON.parse(trigger) as unknown[]);
    const expected = {
      from: { kind: 'ImageStreamTag', name: IMAGE.split('/').at(-1) },
      fieldPath: `spec.template.spec.containers[?(@.name=="${container.name}")].image`,
    };
    if (!parsed.some((t) => JSON.stringify(t) === JSON.stringify(expected))) {
      p.push(`image.openshift.io/triggers must contain ${JSON.stringify(expected)}`);
    }
    return p;
  },

  'the environment is one src/server/config.ts accepts, in this overlay’s auth mode': (r) => {
    let result: ReturnType<typeof gatewayConfig>;
    try {
      result = gatewayConfig(r);
    } catch (error) {
      return [`loadConfig rejects the pod's environment: ${(error as Error).message}`];
    }
    const p: string[] = [];
    for (const key of containerEnv(r).configKeys) {
      if (!result.read.has(key)) p.push(`ConfigMap key ${key} is not read by loadConfig (typo?)`);
    }
    if (result.config.authMode !== r.mode) {
      p.push(`AUTH_MODE must be ${r.mode} in this overlay, but got: ${result.config.authMode}`);
    }
    return p;
  },

  'probes, container port, Service and NetworkPolicy agree on the port': (r) => {
    const { container } = workload(r);
    const { config } = gatewayConfig(r);
    const p: string[] = [];
    const http = container.ports?.find((port) => port.name === 'http');
    if (http?.containerPort !== config.port) {
      p.push(`container port 'http' must be PORT ${config.port}, but got: ${http?.containerPort}`);
    }
    const probes: [string, Probe | undefined, string][] = [
      ['livenessProbe', container.livenessProbe, '/healthz'],
      ['readinessProbe', container.readinessProbe, '/readyz'],
    ];
    if (container.startupProbe) probes.push(['startupProbe', container.startupProbe, '/healthz']);
    for (const [name, probe, path] of probes) {
      if (probe?.httpGet?.path !== path) {
        p.push(`${name} must GET ${path}, but got: ${probe?.httpGet?.path}`);
      }
      if (resolvePort(container, probe?.httpGet?.port) !== config.port) {
        p.push(`${name} port ${probe?.httpGet?.port} is not the gateway's port ${config.port}`);
      }
    }
    const services = ofKind<Service>(r, 'Service');
    if (services.length === 0) p.push('no Service');
    for (const svc of services) {
      const port = svc.spec?.ports?.find((sp) => sp.name === 'http');
      if (!port) p.push(`Service ${String(svc.metadata?.name)} has no port named http`);
      else if (resolvePort(container, port.targetPort) !== config.port) {
        p.push(`Service targetPort ${port.targetPort} is not the gateway's port ${config.port}`);
      }
    }
    for (const np of ofKind<NetworkPolicy>(r, 'NetworkPolicy')) {
      for (const rule of np.spec?.ingress ?? []) {
        for (const port of rule.ports ?? []) {
          const resolved = resolvePort(container, port.port);
          // The metrics port is checked by the METRICS_PORT check (monitoring only).
          if (resolved !== config.port && resolved !== config.metricsPort) {
            p.push(`NetworkPolicy allows port ${port.port}, not the gateway's port ${config.port}`);
          }
        }
      }
    }
    return p;
  },

  '/metrics on its own port (METRICS_PORT), reachable by monitoring only, never public': (r) => {
    const { container } = workload(r);
    const { config } = gatewayConfig(r);
    const p: string[] = [];
    if (config.metricsPort === undefined) {
      return ['METRICS_PORT must be set, or /metrics is served through the public Route'];
    }
    const metrics = container.ports?.find((port) => port.name === 'metrics');
    if (metrics?.containerPort !== config.metricsPort) {
      p.push(
        `container port 'metrics' must be METRICS_PORT ${config.metricsPort}, but got: ${metrics?.containerPort}`,
      );
    }
    for (const route of ofKind<Route>(r, 'Route')) {
      const target = route.spec?.port?.targetPort;
      const svc =
        route.spec?.to?.kind === 'Service'
          ? named<Service>(r, 'Service', route.spec.to.name)
          : undefined;
      const servicePort = svc?.spec?.ports?.find(
        (sp) => sp.name === target || sp.targetPort === target,
      );
      if (resolvePort(container, servicePort?.targetPort ?? target) === config.metricsPort) {
        p.push(`the Route targets the metrics port ${String(target)}`);
      }
    }
    const monitoring = (peer: NetworkPeer) =>
      peer.namespaceSelector?.matchLabels?.['network.openshift.io/policy-group'] === 'monitoring';
    for (const np of ofKind<NetworkPolicy>(r, 'NetworkPolicy')) {
      for (const rule of np.spec?.ingress ?? []) {
        const opensMetrics = (rule.ports ?? []).some(
          (port) => resolvePort(container, port.port) === config.metricsPort,
        );
        if (opensMetrics && !(rule.from ?? []).every(monitoring)) {
          p.push('NetworkPolicy lets more than cluster monitoring reach the metrics port');
        }
        if (opensMetrics && (rule.from ?? []).length === 0) {
          p.push('NetworkPolicy opens the metrics port to everyone');
        }
      }
    }
    return p;
  },

  'the Route targets the Service and its port, edge TLS with redirect, timeout above the request deadline':
    (r) => {
      const routes = ofKind<Route>(r, 'Route');
      if (routes.length !== 1) return [`expected one Route, but got ${routes.length}`];
      const route = routes[0]!;
      const { config } = gatewayConfig(r);
      const p: string[] = [];
      const svc =
        route.spec?.to?.kind === 'Service'
          ? named<Service>(r, 'Service', route.spec.to.name)
          : undefined;
      if (!svc)
        p.push(
          `Route targets ${route.spec?.to?.kind} ${route.spec?.to?.name}, not a defined Service`,
        );
      const target = route.spec?.port?.targetPort;
      const servicePort = svc?.spec?.ports?.find(
        (sp) => sp.name === target || sp.targetPort === target,
      );
      if (svc && !servicePort)
        p.push(`Route port ${target} is not a port of Service ${svc.metadata?.name as string}`);
      if (route.spec?.tls?.termination !== 'edge') p.push('Route must terminate TLS at the edge');
      if (route.spec?.tls?.insecureEdgeTerminationPolicy !== 'Redirect') {
        p.push('Route must redirect plain HTTP to HTTPS (insecureEdgeTerminationPolicy: Redirect)');
      }
      const timeout = /^(\d+)s$/.exec(
        route.metadata?.annotations?.['haproxy.router.openshift.io/timeout'] ?? '',
      );
      if (!timeout || Number(timeout[1]) * 1000 <= config.requestTimeoutMs) {
        p.push(`Route timeout must exceed REQUEST_TIMEOUT_MS (${config.requestTimeoutMs} ms)`);
      }
      return p;
    },

  'the Service, PodDisruptionBudget, NetworkPolicy and spread select the gateway pods': (r) => {
    const { deployment, pod } = workload(r);
    const labels = deployment.spec?.template?.metadata?.labels ?? {};
    const p: string[] = [];
    if (!matches(deployment.spec?.selector?.matchLabels, labels))
      p.push('Deployment selector does not match its pods');
    for (const svc of ofKind<Service>(r, 'Service')) {
      if (!matches(svc.spec?.selector, labels)) p.push('Service selector does not match the pods');
    }
    const replicas = deployment.spec?.replicas ?? 1;
    if (replicas < 2) p.push(`expected at least 2 replicas, but got ${replicas}`);
    const pdbs = ofKind<
      K8sObject & {
        spec?: { minAvailable?: number; selector?: { matchLabels?: Record<string, string> } };
      }
    >(r, 'PodDisruptionBudget');
    for (const pdb of pdbs) {
      if (!matches(pdb.spec?.selector?.matchLabels, labels))
        p.push('PodDisruptionBudget selector does not match the pods');
      if ((pdb.spec?.minAvailable ?? 0) >= replicas) {
        p.push(
          `PodDisruptionBudget minAvailable ${pdb.spec?.minAvailable} blocks every drain with ${replicas} replicas`,
        );
      }
    }
    for (const np of ofKind<
      K8sObject & { spec?: { podSelector?: { matchLabels?: Record<string, string> } } }
    >(r, 'NetworkPolicy')) {
      if (!matches(np.spec?.podSelector?.matchLabels, labels))
        p.push('NetworkPolicy podSelector does not match the pods');
    }
    for (const t of pod.topologySpreadConstraints ?? []) {
      if (!matches(t.labelSelector?.matchLabels, labels))
        p.push('topologySpreadConstraints selector does not match the pods');
    }
    return p;
  },

  'the pod is restricted-v2 SCC compatible': (r) => {
    const { pod } = workload(r);
    const p: string[] = [];
    if (pod.hostNetwork || pod.hostPID || pod.hostIPC) p.push('host namespaces are not allowed');
    const podSc = pod.securityContext ?? {};
    for (const field of ['runAsUser', 'runAsGroup', 'fsGroup'] as const) {
      if (podSc[field] !== undefined)
        p.push(`pod securityContext.${field} is fixed; leave it to OpenShift`);
    }
    for (const c of [...(pod.containers ?? []), ...(pod.initContainers ?? [])]) {
      const sc = c.securityContext ?? {};
      const id = `container ${c.name}`;
      if (sc.runAsUser !== undefined || sc.runAsGroup !== undefined) {
        p.push(
          `${id}: runAsUser/runAsGroup is fixed; OpenShift assigns one from the namespace range`,
        );
      }
      if ((sc.runAsNonRoot ?? podSc.runAsNonRoot) !== true)
        p.push(`${id}: runAsNonRoot must be true`);
      if (sc.allowPrivilegeEscalation !== false)
        p.push(`${id}: allowPrivilegeEscalation must be false`);
      if (sc.privileged === true) p.push(`${id}: must not be privileged`);
      if (!sc.capabilities?.drop?.includes('ALL')) p.push(`${id}: capabilities must drop ALL`);
      if ((sc.capabilities?.add ?? []).length > 0) p.push(`${id}: must add no capabilities`);
      if ((sc.seccompProfile ?? podSc.seccompProfile)?.type !== 'RuntimeDefault') {
        p.push(`${id}: seccompProfile must be RuntimeDefault`);
      }
      if (sc.readOnlyRootFilesystem !== true) p.push(`${id}: readOnlyRootFilesystem must be true`);
    }
    return p;
  },

  'only /tmp is writable, and the CA and token files are mounted': (r) => {
    const { pod, container } = workload(r);
    const { config } = gatewayConfig(r);
    const p: string[] = [];
    const volumes = new Map((pod.volumes ?? []).map((v) => [v.name, v]));
    const mounts = container.volumeMounts ?? [];
    for (const m of mounts) if (!volumes.has(m.name)) p.push(`volumeMount ${m.name} has no volume`);
    const tmp = mounts.find((m) => m.mountPath === '/tmp');
    if (!tmp || !volumes.get(tmp.name)?.emptyDir)
      p.push('/tmp must be an emptyDir (the root filesystem is read-only)');
    const automount = pod.automountServiceAccountToken;
    const mounted = (file: string | undefined) =>
      file !== undefined &&
      (mounts.some((m) => file.startsWith(`${m.mountPath}/`)) ||
        (automount === true && file.startsWith(`${SA_MOUNT}/`)));
    if (config.upstream.apiUrl === undefined) {
      p.push('OPENSHIFT_API_URL must be set: in-cluster detection needs the token mount');
    }
    if (!mounted(config.upstream.caFile))
      p.push(`OPENSHIFT_CA_FILE ${config.upstream.caFile} is not on a mounted volume`);
    if (r.mode === 'passthrough') {
      if (automount !== false)
        p.push(
          'pass-through mode must not mount the service-account token (automountServiceAccountToken: false)',
        );
      if (config.upstream.tokenFile !== undefined || config.upstream.token !== undefined) {
        p.push('pass-through mode must not configure a gateway token');
      }
    } else {
      if (automount !== true) p.push('service mode needs automountServiceAccountToken: true');
      if (config.upstream.tokenFile !== `${SA_MOUNT}/token`) {
        p.push(
          `service mode must read the rotating token file ${SA_MOUNT}/token, but got: ${config.upstream.tokenFile}`,
        );
      }
    }
    return p;
  },

  'requests and limits are set, and memory covers CACHE_MAX_BYTES plus the working set': (r) => {
    const { container } = workload(r);
    const { config } = gatewayConfig(r);
    const { requests = {}, limits = {} } = container.resources ?? {};
    const p: string[] = [];
    for (const key of ['cpu', 'memory']) {
      if (requests[key] === undefined) p.push(`resources.requests.${key} is missing`);
      if (limits[key] === undefined) p.push(`resources.limits.${key} is missing`);
    }
    const limit = bytes(limits.memory);
    if (!(bytes(requests.memory) <= limit)) p.push('memory request exceeds the limit');
    if (!(millicores(requests.cpu) <= millicores(limits.cpu)))
      p.push('cpu request exceeds the limit');
    if (!(limit > config.cacheMaxBytes + MEMORY_MARGIN_BYTES)) {
      p.push(
        `memory limit ${limits.memory} must exceed CACHE_MAX_BYTES (${config.cacheMaxBytes}) + ${MEMORY_MARGIN_BYTES / 2 ** 20} MiB`,
      );
    }
    const heap = /--max-old-space-size=(\d+)/.exec(containerEnv(r).env.NODE_OPTIONS ?? '');
    if (heap) {
      const heapBytes = Number(heap[1]) * 2 ** 20;
      if (heapBytes <= config.cacheMaxBytes)
        p.push('--max-old-space-size must exceed CACHE_MAX_BYTES');
      if (heapBytes + NON_HEAP_BYTES > limit) {
        p.push(
          `--max-old-space-size must leave ${NON_HEAP_BYTES / 2 ** 20} MiB under the memory limit`,
        );
      }
    }
    return p;
  },

  'terminationGracePeriodSeconds covers preStop plus SHUTDOWN_GRACE_MS': (r) => {
    const { pod, container } = workload(r);
    const { config } = gatewayConfig(r);
    const grace = (pod.terminationGracePeriodSeconds ?? 30) * 1000;
    const preStop = container.lifecycle?.preStop;
    const sleepArg = preStop?.exec?.command?.[0] === 'sleep' ? Number(preStop.exec.command[1]) : 0;
    const preStopMs = (preStop?.sleep?.seconds ?? sleepArg) * 1000;
    return grace > config.shutdownGraceMs + preStopMs
      ? []
      : [
          `terminationGracePeriodSeconds (${grace} ms) must exceed preStop (${preStopMs} ms) + SHUTDOWN_GRACE_MS (${config.shutdownGraceMs} ms), or the kubelet kills in-flight requests`,
        ];
  },

  'RBAC is the least the auth mode needs': (r) => {
    const { grants, problems } = grantedToGateway(r);
    const granted = [...grants].sort();
    if (r.mode === 'passthrough') {
      if (granted.length > 0) {
        problems.push(
          `pass-through mode must grant the gateway's account nothing, but it gets: ${granted.join(', ')}`,
        );
      }
    } else if (
      JSON.stringify(granted) !== JSON.stringify(['image.openshift.io/imagestreamimages:get'])
    ) {
      problems.push(
        `service mode must grant exactly get on image.openshift.io imagestreamimages, but it gets: ${granted.join(', ') || 'nothing'}`,
      );
    }
    return problems;
  },
};
