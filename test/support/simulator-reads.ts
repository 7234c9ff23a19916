/**
 * Reading the simulator directly (the ground truth the gateway is compared with) and counting the
 * GETs it saw per ImageStreamImage name.
 */
import type { Simulator } from '../../src/simulator/index.js';
import type { RawObject } from './compare-to-raw.js';

const IMAGE_API = '/apis/image.openshift.io/v1';

/**
 * The decoded request path of one ImageStreamImage. Fault rules match it as a string (the simulator
 * compares string rules with the raw and the percent-decoded path), so a fault hits that one name
 * however the client encodes the `:` of `sha256:`.
 */
export function imageStreamImagePath(namespace: string, name: string): string {
  return `${IMAGE_API}/namespaces/${namespace}/imagestreamimages/${name}`;
}

function safeDecode(path: string): string | undefined {
  try {
    return decodeURIComponent(path);
  } catch {
    return undefined;
  }
}

/** GETs of one ImageStreamImage (any status) the simulator has logged since its last reset. */
export function getsOf(simulator: Simulator, namespace: string, name: string): number {
  const wanted = imageStreamImagePath(namespace, name);
  return simulator.requests
    .entries()
    .filter((entry) => entry.method === 'GET' && safeDecode(entry.path) === wanted).length;
}

/** GETs of ImageStreamImages the simulator has logged, as decoded `namespace/name`, in order. */
export function imageStreamImageGets(simulator: Simulator): string[] {
  const prefix = `${IMAGE_API}/namespaces/`;
  return simulator.requests
    .entries()
    .filter((entry) => entry.method === 'GET' && entry.path.includes('/imagestreamimages/'))
    .map((entry) => (safeDecode(entry.path) ?? entry.path).slice(prefix.length))
    .map((rest) => rest.replace('/imagestreamimages/', '/'));
}

/** One ImageStreamImage exactly as the API server sends it, straight from the simulator. */
export async function fetchRawImageStreamImage(
  simulator: Simulator,
  token: string,
  namespace: string,
  name: string,
): Promise<RawObject> {
  const response = await fetch(simulator.url + imageStreamImagePath(namespace, name), {
    headers: { authorization: 'Bearer ' + token },
  });
  const body = await response.text();
  if (response.status !== 200) {
    throw new Error(`the simulator answered ${response.status} for ${namespace}/${name}`);
  }
  return JSON.parse(body) as RawObject;
}
