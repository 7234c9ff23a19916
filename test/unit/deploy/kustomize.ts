/**
 * Loads deploy/ the way `oc apply -k` sees it, without kubectl: multi-document YAML files and a
 * deliberately small subset of kustomize (resources, configMapGenerator, JSON 6902 patches). Any
 * other kustomization field throws, so the tests never check something kustomize renders
 * differently. When kubectl is installed, manifests.test.ts compares this rendering with
 * `kubectl kustomize`.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseAllDocuments, parse } from 'yaml';

/** A parsed YAML value. */
export type Yaml = string | number | boolean | null | Yaml[] | { [key: string]: Yaml };

/** A Kubernetes object as far as these tests read it; everything is optional until checked. */
export interface K8sObject {
  apiVersion?: unknown;
  kind?: unknown;
  metadata?: {
    name?: unknown;
    namespace?: unknown;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  [field: string]: unknown;
}

/** Every document of one YAML file; throws on a syntax error with the file name. */
export function readYamlDocuments(file: string): unknown[] {
  const docs = parseAllDocuments(readFileSync(file, 'utf8'));
  const out: unknown[] = [];
  for (const doc of docs) {
    if (doc.errors.length > 0) {
      throw new Error(`${file}: ${doc.errors.map((e) => e.message).join('; ')}`);
    }
    const value: unknown = doc.toJS();
    if (value !== null && value !== undefined) out.push(value);
  }
  return out;
}

interface ConfigMapGenerator {
  name: string;
  behavior?: 'create' | 'merge' | 'replace';
  literals?: string[];
}
interface Patch {
  patch?: string;
  path?: string;
  target?: { group?: string; version?: string; kind?: string; name?: string };
}
interface Kustomization {
  apiVersion?: string;
  kind?: string;
  resources?: string[];
  configMapGenerator?: ConfigMapGenerator[];
  patches?: Patch[];
}

const SUPPORTED_FIELDS = new Set([
  'apiVersion',
  'kind',
  'resources',
  'configMapGenerator',
  'patches',
]);

/** Reads `<dir>/kustomization.yaml`, refusing fields this renderer does not implement. */
export function readKustomization(dir: string): Kustomization {
  const file = join(dir, 'kustomization.yaml');
  const value: unknown = parse(readFileSync(file, 'utf8'));
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`${file}: expected a mapping`);
  }
  for (const key of Object.keys(value)) {
    if (!SUPPORTED_FIELDS.has(key)) {
      throw new Error(
        `${file}: field '${key}' is not implemented by test/unit/deploy/kustomize.ts`,
      );
    }
  }
  return value;
}

/** The files and directories a kustomization names, resolved against its directory. */
export function referencedPaths(dir: string): string[] {
  const k = readKustomization(dir);
  return [
    ...(k.resources ?? []).map((r) => join(dir, r)),
    ...(k.patches ?? []).flatMap((p) => (p.path === undefined ? [] : [join(dir, p.path)])),
  ];
}

/** The objects `kubectl kustomize <dir>` would produce, except that generated names carry no hash. */
export function render(dir: string): K8sObject[] {
  const k = readKustomization(dir);
  const objects: K8sObject[] = [];
  for (const resource of k.resources ?? []) {
    const path = join(dir, resource);
    if (!existsSync(path)) throw new Error(`${dir}/kustomization.yaml: ${resource} does not exist`);
    if (statSync(path).isDirectory()) objects.push(...render(path));
    else objects.push(...(readYamlDocuments(path) as K8sObject[]));
  }
  for (const gen of k.configMapGenerator ?? []) applyGenerator(objects, gen, dir);
  for (const patch of k.patches ?? []) applyPatch(objects, patch, dir);
  return objects;
}

function applyGenerator(objects: K8sObject[], gen: ConfigMapGenerator, dir: string): void {
  const data: Record<string, string> = {};
  for (const literal of gen.literals ?? []) {
    const eq = literal.indexOf('=');
    if (eq <= 0) throw new Error(`${dir}: configMapGenerator literal '${literal}' has no KEY=`);
    data[literal.slice(0, eq)] = literal.slice(eq + 1);
  }
  const existing = objects.find((o) => o.kind === 'ConfigMap' && o.metadata?.name === gen.name);
  const behavior = gen.behavior ?? 'create';
  if (behavior === 'create') {
    if (existing) throw new Error(`${dir}: ConfigMap ${gen.name} already exists`);
    objects.push({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: gen.name }, data });
    return;
  }
  if (!existing) throw new Error(`${dir}: ConfigMap ${gen.name} to ${behavior} does not exist`);
  existing.data =
    behavior === 'merge' ? { ...(existing.data as Record<string, string>), ...data } : data;
}

interface PatchOp {
  op: string;
  path: string;
  value?: Yaml;
}

function applyPatch(objects: K8sObject[], patch: Patch, dir: string): void {
  const text = patch.patch ?? (patch.path ? readFileSync(join(dir, patch.path), 'utf8') : '');
  const ops: unknown = parse(text);
  if (!Array.isArray(ops)) {
    throw new Error(`${dir}: only JSON 6902 patches (a list of ops) are implemented here`);
  }
  const t = patch.target ?? {};
  const targets = objects.filter(
    (o) =>
      (t.kind === undefined || o.kind === t.kind) &&
      (t.name === undefined || o.metadata?.name === t.name) &&
      (t.group === undefined || String(o.apiVersion).startsWith(`${t.group}/`)),
  );
  if (targets.length === 0) throw new Error(`${dir}: patch target ${JSON.stringify(t)} not found`);
  for (const target of targets) {
    for (const op of ops as PatchOp[]) applyOp(target as Yaml, op, dir);
  }
}

/** RFC 6902 add/replace/remove; a path that does not exist is an error, as in kustomize. */
function applyOp(doc: Yaml, { op, path, value }: PatchOp, dir: string): void {
  const keys = path
    .split('/')
    .slice(1)
    .map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'));
  const last = keys.pop();
  if (last === undefined) throw new Error(`${dir}: patch path '${path}' is the whole object`);
  let parent: Yaml | undefined = doc;
  for (const key of keys) {
    parent = Array.isArray(parent)
      ? parent[Number(key)]
      : typeof parent === 'object' && parent !== null
        ? parent[key]
        : undefined;
    if (parent === undefined) throw new Error(`${dir}: patch path '${path}' does not exist`);
  }
  if (typeof parent !== 'object' || parent === null) {
    throw new Error(`${dir}: patch path '${path}' does not lead to an object`);
  }
  if (Array.isArray(parent)) {
    const index = last === '-' ? parent.length : Number(last);
    if (op === 'add') parent.splice(index, 0, value ?? null);
    else if (op === 'replace' && index < parent.length) parent[index] = value ?? null;
    else if (op === 'remove' && index < parent.length) parent.splice(index, 1);
    else throw new Error(`${dir}: cannot ${op} '${path}'`);
    return;
  }
  if (op === 'add') parent[last] = value ?? null;
  else if (op === 'replace' && last in parent) parent[last] = value ?? null;
  else if (op === 'remove' && last in parent) delete parent[last];
  else throw new Error(`${dir}: cannot ${op} '${path}' (missing or unsupported op)`);
}

/** `deploy/x/y.yaml` style name for messages. */
export function display(root: string, path: string): string {
  return relative(root, path) || '.';
}
