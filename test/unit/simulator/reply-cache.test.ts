import { describe, expect, it } from 'vitest';

import { DEMO, createDataset } from '../../../src/simulator/index.js';
import { Store } from '../../../src/simulator/store.js';

describe('pre-serialised replies', () => {
  const name = `ubuntu@${DEMO.digests.amd64}`;

  it('serves repeated GETs from the same Buffer without serialising again', () => {
    const store = new Store(createDataset());
    const first = store.get('imagestreamimages', 'demo', name, false);
    expect(store.get('imagestreamimages', 'demo', name, false)).toBe(first);
    expect(store.get('imagestreamimages', 'demo', name, true)).not.toBe(first);
  });

  it('re-serialises after a mutation', () => {
    const store = new Store(createDataset());
    const before = store.get('imagestreamimages', 'demo', name, false);
    store.setStreamAnnotations('demo', 'ubuntu', { changed: 'yes' });
    const after = store.get('imagestreamimages', 'demo', name, false);
    expect(after).not.toBe(before);
    expect(after.body.toString()).toContain('"annotations":{"changed":"yes"}');
  });
});
