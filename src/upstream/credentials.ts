/**
 * Where the gateway's upstream is and who the gateway is there. First match wins:
 * 1. OPENSHIFT_API_URL (+ OPENSHIFT_TOKEN or OPENSHIFT_TOKEN_FILE, OPENSHIFT_CA_FILE);
 * 2. KUBECONFIG (colon-separated, client-go merge order) or `~/.kube/config` if it exists;
 * 3. the in-cluster service account (KUBERNETES_SERVICE_HOST/PORT + the mounted token and CA);
 * 4. the embedded simulator (started by the server, not here).
 *
 * Nothing here logs or returns a token except through `tokenProvider()`; `description` is safe to
 * log and errors name the variable or file that is wrong, never its secret content.
 */
import { readFile as fsReadFile, stat as fsStat } from 'node:fs/promises';
import path from 'node:path';
import type { Cluster, KubeConfig, User } from '@kubernetes/client-node';
import { load as loadYaml } from 'js-yaml';
import type { UpstreamTlsOptions } from './tls.js';

/**
 * The raw upstream settings, structurally the same as `UpstreamSettings` in src/server/config.ts
 * (upstream/ may not import server/, so the shape is restated; the server passes
 * `config.upstream` as is and the compiler checks they still match).
 */
export interface UpstreamSettings {
  /** OPENSHIFT_API_URL. */
  readonly apiUrl: string | undefined;
  /** OPENSHIFT_TOKEN (secret). */
  readonly token: string | undefined;
  /** OPENSHIFT_TOKEN_FILE. */
  readonly tokenFile: string | undefined;
  /** OPENSHIFT_CA_FILE. */
  readonly caFile: string | undefined;
  /** KUBECONFIG: colon-separated paths. */
  readonly kubeconfig: string | undefined;
  /** HOME, for `~/.kube/config`. */
  readonly home: string | undefined;
  /** KUBERNETES_SERVICE_HOST. */
  readonly inClusterHost: string | undefined;
  /** KUBERNETES_SERVICE_PORT. */
  readonly inClusterPort: string | undefined;
}

/** The gateway's own bearer token, read when needed (token files rotate). */
export type TokenProvider = () => Promise<string | undefined>;

/** An API server the gateway talks to. */
interface RemoteTargetBase {
  /** Base URL of the API server, without a trailing slash. */
  readonly baseUrl: string;
  readonly tls: UpstreamTlsOptions;
  /** The gateway's own token (AUTH_MODE=service); resolves to undefined when it has none. */
  readonly tokenProvider: TokenProvider;
  /** Human description, safe to log: the source and server URL, never a token. */
  readonly description: string;
}

/** From OPENSHIFT_API_URL. */
export interface EnvTarget extends RemoteTargetBase {
  readonly kind: 'env';
}

/** From a kubeconfig's current context. */
export interface KubeconfigTarget extends RemoteTargetBase {
  readonly kind: 'kubeconfig';
  /** The current context's name. */
  readonly context: string;
  /** The current context's namespace, if it sets one. */
  readonly namespace: string | undefined;
}

/** From the pod's service account. */
export interface InClusterTarget extends RemoteTargetBase {
  readonly kind: 'in-cluster';
  /** The pod's namespace (the `namespace` file), if readable. */
  readonly namespace: string | undefined;
}

/** No API server configured: the server starts the embedded simulator. */
export interface SimulatorTarget {
  readonly kind: 'simulator';
  readonly description: string;
}

/** The resolved upstream. */
export type UpstreamTarget = EnvTarget | KubeconfigTarget | InClusterTarget | SimulatorTarget;

/** A remote target (anything but the simulator). */
export type RemoteUpstreamTarget = EnvTarget | KubeconfigTarget | InClusterTarget;

/** The file operations credentials need; injectable for tests. */
export interface CredentialFileSystem {
  /** Reads a file as UTF-8. */
  readFile(file: string): Promise<string>;
  /** The file's modification time in ms; rejects when the file does not exist. */
  mtimeMs(file: string): Promise<number>;
}

/** Options of {@link resolveUpstreamTarget}. */
export interface ResolveUpstreamOptions {
  /** @default node:fs/promises */
  readonly fs?: CredentialFileSystem;
  /** @default '/var/run/secrets/kubernetes.io/serviceaccount' */
  readonly serviceAccountDir?: string;
  /** A token file is re-read when its cached value is older than this, even if mtime did not change. @default 60000 */
  readonly tokenMaxAgeMs?: number;
  /** @default Date.now */
  readonly now?: () => number;
}

/** A configuration problem found while resolving the target. Names the variable or file. */
export class UpstreamConfigError extends Error {
  readonly code = 'INVALID_UPSTREAM_CONFIGURATION';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'UpstreamConfigError';
  }
}

const nodeFs: CredentialFileSystem = {
  readFile: (file) => fsReadFile(file, 'utf8'),
  mtimeMs: async (file) => (await fsStat(file)).mtimeMs,
};

/** The mounted service-account directory in every pod. */
export const SERVICE_ACCOUNT_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

/** Only the errno code of a file error: its message is fine too, but this keeps logs short. */
function fsReason(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : error instanceof Error ? error.message : String(error);
}

async function readConfigFile(
  fs: CredentialFileSystem,
  file: string,
  what: string,
): Promise<string> {
  try {
    return await fs.readFile(file);
  } catch (error) {
    throw new UpstreamConfigError(`${what}: cannot read ${file} (${fsReason(error)})`, {
      cause: error,
    });
  }
}

async function exists(fs: CredentialFileSystem, file: string): Promise<boolean> {
  try {
    await fs.mtimeMs(file);
    return true;
  } catch {
    return false;
  }
}

/**
 * A token provider over a file that rotates (projected service-account tokens, OPENSHIFT_TOKEN_FILE).
 * The file is re-read when its mtime changes or the cached value is older than `maxAgeMs`, like
 * client-go's cached file token source (about once a minute). A failed re-read keeps the last good
 * token: the kubelet swaps the file atomically, so a failure is usually momentary.
 */
export function createFileTokenProvider(
  file: string,
  what: string,
  options: { fs?: CredentialFileSystem; maxAgeMs?: number; now?: () => number } = {},
): TokenProvider {
  const fs = options.fs ?? nodeFs;
  const maxAgeMs = options.maxAgeMs ?? 60_000;
  const now = options.now ?? Date.now;
  let cached: { token: string; mtimeMs: number; readAt: number } | undefined;
  let inFlight: Promise<string> | undefined;

  const reload = async (): Promise<string> => {
    let mtimeMs: number;
    try {
      mtimeMs = await fs.mtimeMs(file);
    } catch (error) {
      if (cached !== undefined) return cached.token;
      throw new UpstreamConfigError(`${what}: cannot read ${file} (${fsReason(error)})`, {
        cause: error,
      });
    }
    if (cached !== undefined && cached.mtimeMs === mtimeMs && now() - cached.readAt < maxAgeMs) {
      return cached.token;
    }
    let token: string;
    try {
      token = (await fs.readFile(file)).trim();
    } catch (error) {
      if (cached !== undefined) return cached.token;
      throw new UpstreamConfigError(`${what}: cannot read ${file} (${fsReason(error)})`, {
        cause: error,
      });
    }
    if (token === '') {
      if (cached !== undefined) return cached.token;
      throw new UpstreamConfigError(`${what}: ${file} is empty`);
    }
    cached = { token, mtimeMs, readAt: now() };
    return token;
  };

  return async () => {
    // Concurrent callers share one stat/read.
    inFlight ??= reload().finally(() => {
      inFlight = undefined;
    });
    return inFlight;
  };
}

const noToken: TokenProvider = () => Promise.resolve(undefined);

function staticToken(token: string): TokenProvider {
  return () => Promise.resolve(token);
}

function httpsDescription(source: string, baseUrl: string, tls: UpstreamTlsOptions): string {
  const insecure = tls.rejectUnauthorized ? '' : ' (TLS verification disabled)';
  return `${source}: ${baseUrl}${insecure}`;
}

function checkServerUrl(raw: string, what: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UpstreamConfigError(`${what} must be an absolute URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new UpstreamConfigError(`${what} must use https: or http:, but got: '${url.protocol}'`);
  }
  if (url.username !== '' || url.password !== '') {
    throw new UpstreamConfigError(`${what} must not carry credentials in the URL`);
  }
  return raw.replace(/\/+$/, '');
}

async function fromEnv(
  settings: UpstreamSettings & { apiUrl: string },
  options: Required<Pick<ResolveUpstreamOptions, 'fs' | 'tokenMaxAgeMs' | 'now'>>,
): Promise<EnvTarget> {
  const baseUrl = checkServerUrl(settings.apiUrl, 'OPENSHIFT_API_URL');
  const ca =
    settings.caFile === undefined
      ? undefined
      : await readConfigFile(options.fs, settings.caFile, 'OPENSHIFT_CA_FILE');
  const tls: UpstreamTlsOptions = { rejectUnauthorized: true, ...(ca === undefined ? {} : { ca }) };
  let tokenProvider = noToken;
  let tokenSource = 'no token';
  if (settings.token !== undefined) {
    tokenProvider = staticToken(settings.token);
    tokenSource = 'token from OPENSHIFT_TOKEN';
  } else if (settings.tokenFile !== undefined) {
    tokenProvider = createFileTokenProvider(settings.tokenFile, 'OPENSHIFT_TOKEN_FILE', {
      fs: options.fs,
      maxAgeMs: options.tokenMaxAgeMs,
      now: options.now,
    });
    // Fail at start-up, not on the first request, when the file is unreadable.
    await tokenProvider();
    tokenSource = `token file ${settings.tokenFile}`;
  }
  return {
    kind: 'env',
    baseUrl,
    tls,
    tokenProvider,
    description: `${httpsDescription('OPENSHIFT_API_URL', baseUrl, tls)}, ${tokenSource}`,
  };
}

/**
 * client-node's `KubeConfig`, imported on first use: the package's index loads its whole generated
 * API surface (about 30 MB of heap), which only a kubeconfig upstream needs.
 */
async function kubeConfigClass(): Promise<typeof KubeConfig> {
  return (await import('@kubernetes/client-node')).KubeConfig;
}

/** One kubeconfig file, parsed by @kubernetes/client-node plus the raw users (for `tokenFile`). */
interface LoadedKubeconfig {
  readonly file: string;
  readonly config: KubeConfig;
  /** `users[].user.tokenFile` by user name: client-node does not read this client-go field. */
  readonly tokenFiles: ReadonlyMap<string, string>;
}

async function loadKubeconfigFile(
  fs: CredentialFileSystem,
  file: string,
  variable: string,
): Promise<LoadedKubeconfig> {
  const text = await readConfigFile(fs, file, variable);
  const config = new (await kubeConfigClass())();
  let raw: unknown;
  try {
    raw = loadYaml(text);
    // client-node validates names and servers and maps the kebab-case keys. It also reads a
    // non-standard `token-file` key itself; an unreadable one surfaces here as a config error.
    config.loadFromString(text);
  } catch (error) {
    throw new UpstreamConfigError(
      `${variable}: ${file} is not a valid kubeconfig (${error instanceof Error ? error.message : 'parse error'})`,
      { cause: error },
    );
  }
  // Relative certificate and key paths are relative to the kubeconfig's directory (client-go).
  config.makePathsAbsolute(path.dirname(file));
  const tokenFiles = new Map<string, string>();
  const users = (raw as { users?: unknown } | null)?.users;
  if (Array.isArray(users)) {
    for (const entry of users as unknown[]) {
      const name = (entry as { name?: unknown } | null)?.name;
      const tokenFile = (entry as { user?: { tokenFile?: unknown } } | null)?.user?.tokenFile;
      if (typeof name === 'string' && typeof tokenFile === 'string' && tokenFile !== '') {
        tokenFiles.set(name, path.resolve(path.dirname(file), tokenFile));
      }
    }
  }
  return { file, config, tokenFiles };
}

async function pemFrom(
  fs: CredentialFileSystem,
  data: string | undefined | null,
  file: string | undefined | null,
  what: string,
): Promise<string | undefined> {
  if (typeof data === 'string' && data !== '') {
    // `*-data` fields are base64 of the PEM.
    return Buffer.from(data, 'base64').toString('utf8');
  }
  if (typeof file === 'string' && file !== '') return readConfigFile(fs, file, what);
  return undefined;
}

async function fromKubeconfig(
  files: readonly string[],
  variable: string,
  options: Required<Pick<ResolveUpstreamOptions, 'fs' | 'tokenMaxAgeMs' | 'now'>>,
): Promise<KubeconfigTarget> {
  const { fs } = options;
  const loaded: LoadedKubeconfig[] = [];
  for (const file of files) loaded.push(await loadKubeconfigFile(fs, file, variable));

  // client-go merge rules: the first file that sets current-context wins, and the first file that
  // defines a named cluster, user or context wins.
  let currentContext: string | undefined;
  const clusters = new Map<string, { cluster: Cluster; file: string }>();
  const users = new Map<string, { user: User; file: string; tokenFile: string | undefined }>();
  const contexts = new Map<string, { cluster: string; user: string; namespace?: string }>();
  for (const { file, config, tokenFiles } of loaded) {
    const current = config.getCurrentContext();
    if (currentContext === undefined && typeof current === 'string' && current !== '') {
      currentContext = current;
    }
    for (const cluster of config.getClusters()) {
      if (!clusters.has(cluster.name)) clusters.set(cluster.name, { cluster, file });
    }
    for (const user of config.getUsers()) {
      if (!users.has(user.name)) {
        users.set(user.name, { user, file, tokenFile: tokenFiles.get(user.name) });
      }
    }
    for (const context of config.getContexts()) {
      if (!contexts.has(context.name)) contexts.set(context.name, context);
    }
  }
  const where = files.join(':');
  if (currentContext === undefined) {
    throw new UpstreamConfigError(`${variable}: ${where} sets no current-context`);
  }
  const context = contexts.get(currentContext);
  if (context === undefined) {
    throw new UpstreamConfigError(
      `${variable}: current-context '${currentContext}' is not defined in ${where}`,
    );
  }
  const clusterEntry = clusters.get(context.cluster);
  if (clusterEntry === undefined) {
    throw new UpstreamConfigError(
      `${variable}: context '${currentContext}' names cluster '${context.cluster}', which is not defined in ${where}`,
    );
  }
  const { cluster } = clusterEntry;
  const baseUrl = checkServerUrl(cluster.server, `${variable}: cluster '${cluster.name}' server`);
  if (typeof cluster.proxyUrl === 'string' && cluster.proxyUrl !== '') {
    // Silently connecting directly would fail in confusing ways; say it instead.
    throw new UpstreamConfigError(
      `${variable}: cluster '${cluster.name}' uses proxy-url, which the gateway does not support`,
    );
  }
  const ca = await pemFrom(
    fs,
    cluster.caData,
    cluster.caFile,
    `${variable}: cluster '${cluster.name}' certificate-authority`,
  );

  const userEntry = context.user === '' ? undefined : users.get(context.user);
  if (context.user !== '' && userEntry === undefined) {
    throw new UpstreamConfigError(
      `${variable}: context '${currentContext}' names user '${context.user}', which is not defined in ${where}`,
    );
  }
  const user = userEntry?.user;
  const userWhat = `${variable}: user '${context.user}'`;
  if (user !== undefined) {
    // These need a plugin or a flow the gateway does not run; ignoring them would silently send
    // requests as anonymous, so refuse with a message that says what to use instead.
    if (user.exec !== undefined && user.exec !== null) {
      throw new UpstreamConfigError(
        `${userWhat} uses an exec credential plugin, which the gateway does not run; use a token, tokenFile or client certificate`,
      );
    }
    if (user.authProvider !== undefined && user.authProvider !== null) {
      throw new UpstreamConfigError(
        `${userWhat} uses an auth-provider, which the gateway does not support; use a token, tokenFile or client certificate`,
      );
    }
    if (typeof user.username === 'string' && user.username !== '') {
      throw new UpstreamConfigError(
        `${userWhat} uses basic authentication, which the gateway does not support; use a token, tokenFile or client certificate`,
      );
    }
    if (typeof user.impersonateUser === 'string' && user.impersonateUser !== '') {
      throw new UpstreamConfigError(
        `${userWhat} uses impersonation ('as'), which the gateway does not support`,
      );
    }
  }
  const cert = await pemFrom(fs, user?.certData, user?.certFile, `${userWhat} client-certificate`);
  const key = await pemFrom(fs, user?.keyData, user?.keyFile, `${userWhat} client-key`);
  if ((cert === undefined) !== (key === undefined)) {
    throw new UpstreamConfigError(
      `${userWhat} needs both a client certificate and a client key, or neither`,
    );
  }

  let tokenProvider = noToken;
  let tokenSource = cert === undefined ? 'no token' : 'client certificate';
  if (typeof user?.token === 'string' && user.token.trim() !== '') {
    tokenProvider = staticToken(user.token.trim());
    tokenSource = 'token';
  } else if (userEntry?.tokenFile !== undefined) {
    tokenProvider = createFileTokenProvider(userEntry.tokenFile, `${userWhat} tokenFile`, {
      fs,
      maxAgeMs: options.tokenMaxAgeMs,
      now: options.now,
    });
    await tokenProvider();
    tokenSource = `token file ${userEntry.tokenFile}`;
  }

  const tls: UpstreamTlsOptions = {
    rejectUnauthorized: !cluster.skipTLSVerify,
    ...(ca === undefined ? {} : { ca }),
    ...(cert === undefined ? {} : { cert }),
    ...(key === undefined ? {} : { key }),
    ...(typeof cluster.tlsServerName === 'string' && cluster.tlsServerName !== ''
      ? { servername: cluster.tlsServerName }
      : {}),
  };
  return {
    kind: 'kubeconfig',
    baseUrl,
    tls,
    tokenProvider,
    context: currentContext,
    namespace: context.namespace,
    description: `${httpsDescription(`kubeconfig context '${currentContext}'`, baseUrl, tls)}, ${tokenSource}`,
  };
}

async function fromInCluster(
  host: string,
  port: string,
  options: Required<ResolveUpstreamOptions>,
): Promise<InClusterTarget> {
  const dir = options.serviceAccountDir;
  const tokenFile = path.join(dir, 'token');
  const caFile = path.join(dir, 'ca.crt');
  const what = 'KUBERNETES_SERVICE_HOST is set (in-cluster) but the service account';
  if (!/^\d{1,5}$/.test(port)) {
    throw new UpstreamConfigError(
      `KUBERNETES_SERVICE_PORT must be a port number, but got: '${port}'`,
    );
  }
  const ca = await readConfigFile(options.fs, caFile, `${what} CA`);
  const tokenProvider = createFileTokenProvider(tokenFile, `${what} token`, {
    fs: options.fs,
    maxAgeMs: options.tokenMaxAgeMs,
    now: options.now,
  });
  await tokenProvider();
  let namespace: string | undefined;
  try {
    namespace = (await options.fs.readFile(path.join(dir, 'namespace'))).trim() || undefined;
  } catch {
    namespace = undefined;
  }
  // An IPv6 service host needs brackets in a URL.
  const hostPart = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  const baseUrl = checkServerUrl(`https://${hostPart}:${port}`, 'KUBERNETES_SERVICE_HOST/PORT');
  const tls: UpstreamTlsOptions = { rejectUnauthorized: true, ca };
  return {
    kind: 'in-cluster',
    baseUrl,
    tls,
    tokenProvider,
    namespace,
    description: `in-cluster service account: ${baseUrl}, token file ${tokenFile}`,
  };
}

/**
 * Resolves the upstream from the raw settings (first match wins; see the file header). Reads the
 * files it needs once (token files again as they rotate). Throws {@link UpstreamConfigError} naming
 * the variable or file when a configured source is unusable: a configured source never silently
 * falls through to the next one.
 */
export async function resolveUpstreamTarget(
  settings: UpstreamSettings,
  options: ResolveUpstreamOptions = {},
): Promise<UpstreamTarget> {
  const resolved: Required<ResolveUpstreamOptions> = {
    fs: options.fs ?? nodeFs,
    serviceAccountDir: options.serviceAccountDir ?? SERVICE_ACCOUNT_DIR,
    tokenMaxAgeMs: options.tokenMaxAgeMs ?? 60_000,
    now: options.now ?? Date.now,
  };
  const { apiUrl } = settings;
  if (apiUrl !== undefined) return fromEnv({ ...settings, apiUrl }, resolved);

  if (settings.kubeconfig !== undefined) {
    const listed = settings.kubeconfig.split(':').filter((file) => file !== '');
    // client-go skips listed files that do not exist; if none exists, KUBECONFIG is wrong.
    const present: string[] = [];
    for (const file of listed) if (await exists(resolved.fs, file)) present.push(file);
    if (present.length === 0) {
      throw new UpstreamConfigError(
        `KUBECONFIG: none of the listed files exists (${listed.join(':') || 'empty list'})`,
      );
    }
    return fromKubeconfig(present, 'KUBECONFIG', resolved);
  }
  if (settings.home !== undefined) {
    const file = path.join(settings.home, '.kube', 'config');
    if (await exists(resolved.fs, file)) return fromKubeconfig([file], file, resolved);
  }

  if (settings.inClusterHost !== undefined) {
    if (settings.inClusterPort === undefined) {
      throw new UpstreamConfigError(
        'KUBERNETES_SERVICE_HOST is set but KUBERNETES_SERVICE_PORT is not',
      );
    }
    return fromInCluster(settings.inClusterHost, settings.inClusterPort, resolved);
  }
  return {
    kind: 'simulator',
    description:
      'embedded simulator (no OPENSHIFT_API_URL, KUBECONFIG, ~/.kube/config or in-cluster service account)',
  };
}
