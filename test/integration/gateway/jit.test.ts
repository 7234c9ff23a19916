/**
 * GRAPHQL_JIT=true through the real gateway and simulator: compiled execution answers what
 * graphql-js answers, and a document with several operations runs the one `operationName` names
 * (the JIT plugin caches one compiled operation per parsed document, so such documents keep graphql-js).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from '../../../src/simulator/index.js';
import { startStack, type Stack } from '../../support/stack.js';

const { demo } = DEMO.namespaces;
const python = `python@${DEMO.digests.python}`;
const list = `ubuntu@${DEMO.digests.manifestList}`;

const TWO_OPERATIONS = `
  query Python { imageStreamImage(namespace: "${demo}", name: "${python}") { image { digest layerCount } } }
  query List { imageStreamImage(namespace: "${demo}", name: "${list}") { image { digest dockerImageManifests { digest } } } }
`;

describe('GRAPHQL_JIT=true', () => {
  let jit: Stack;
  let interpreted: Stack;
  beforeAll(async () => {
    [jit, interpreted] = await Promise.all([
      startStack({ env: { GRAPHQL_JIT: 'true' } }),
      startStack({ env: { GRAPHQL_JIT: 'false' } }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([jit.close(), interpreted.close()]);
  });

  it('runs the operation operationName names, for each operation of one document', async () => {
    for (const operationName of ['Python', 'List', 'Python']) {
      const body = { query: TWO_OPERATIONS, operationName };
      const [a, b] = await Promise.all([jit.query('', { body }), interpreted.query('', { body })]);
      expect(a.errors).toBeUndefined();
      expect(a.data).toEqual(b.data);
      const image = (a.data as { imageStreamImage: { image: Record<string, unknown> } })
        .imageStreamImage.image;
      expect(Object.keys(image)).toEqual(
        operationName === 'List' ? ['digest', 'dockerImageManifests'] : ['digest', 'layerCount'],
      );
    }
  });

  it('answers data, partial data and error paths as graphql-js does', async () => {
    const query = `{
      ok: imageStreamImage(namespace: "${demo}", name: "${python}") { image { digest layerCount totalLayerSize } }
      missing: imageStreamImage(namespace: "${demo}", name: "nosuch@${DEMO.digests.python}") { image { digest } }
      bad: imageStreamImage(namespace: "${demo}", name: "no-at-sign") { image { digest } }
    }`;
    const [a, b] = await Promise.all([jit.query(query), interpreted.query(query)]);
    expect(a.data).toEqual(b.data);
    const shape = (r: typeof a) =>
      (r.errors ?? [])
        .map((e) => ({ path: e.path, code: e.extensions?.['code'], message: e.message }))
        .sort((x, y) => String(x.path).localeCompare(String(y.path)));
    expect(shape(a)).toEqual(shape(b));
    expect(shape(a).map((e) => e.path)).toEqual([['bad'], ['missing']]);
  });
});
