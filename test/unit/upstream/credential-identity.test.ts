/** One identity per credential: the limiter and the digest cache key a caller the same way. */
import { describe, expect, it } from 'vitest';
import { callerKey } from '../../../src/upstream/caller-limiter.js';
import { credentialIdentity } from '../../../src/upstream/credential-identity.js';
import { credentialIdentity as cacheIdentity } from '../../../src/loaders/image-cache.js';

const TOKEN = 'sha256~Zm9vYmFyYmF6cXV4cXV1eGNvcmdlZ3JhdWx0Z2FycGx5';

describe('credential identity', () => {
  it('keys the per-caller cap by the same memoised identity that navigation reads pass', () => {
    // Navigation reads pass `caller.identity` (credentialIdentity) as their callerKey; image reads
    // use callerKey(credential): both must name one slot set, or a caller gets the cap twice.
    expect(callerKey({ token: TOKEN })).toBe(credentialIdentity(TOKEN));
    expect(cacheIdentity).toBe(credentialIdentity);
  });

  it('is a SHA-256 of the token that does not contain it, the same on every call', () => {
    const identity = credentialIdentity(TOKEN);
    expect(identity).toMatch(/^[0-9a-f]{64}$/);
    expect(identity).not.toContain(TOKEN.slice(7, 19));
    expect(credentialIdentity(TOKEN)).toBe(identity);
    expect(credentialIdentity(`${TOKEN}x`)).not.toBe(identity);
  });
});
