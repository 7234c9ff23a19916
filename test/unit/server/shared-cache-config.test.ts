import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, redactConfig } from '../../../src/server/config.js';

const SECRET = 'x'.repeat(32);

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
}

describe('loadConfig: the Redis tier', () => {
  it('is off without REDIS_URL', () => {
    expect(loadConfig({}).sharedCache).toBeUndefined();
  });

  it('refuses REDIS_URL without CACHE_SHARED_SECRET, naming the variable', () => {
    const found = problems({ REDIS_URL: 'redis://redis:6379' });
    expect(found).toHaveLength(1);
    expect(found[0]).toContain('CACHE_SHARED_SECRET');
  });

  it('refuses a short secret and says how long it was, not what it was', () => {
    const found = problems({ REDIS_URL: 'redis://redis:6379', CACHE_SHARED_SECRET: 'hunter2' });
    expect(found).toEqual(['CACHE_SHARED_SECRET must be at least 32 characters, but got 7']);
  });

  it.each([
    [
      'redis://:pw@redis.example:6380/2',
      {
        mode: 'standalone',
        tls: false,
        hosts: [{ host: 'redis.example', port: 6380 }],
        password: 'pw',
        database: 2,
      },
    ],
    [
      'rediss://user:pw@redis.example',
      {
        mode: 'standalone',
        tls: true,
        hosts: [{ host: 'redis.example', port: 6379 }],
        username: 'user',
      },
    ],
    [
      'redis-cluster://a:7000,b:7001',
      {
        mode: 'cluster',
        hosts: [
          { host: 'a', port: 7000 },
          { host: 'b', port: 7001 },
        ],
      },
    ],
    [
      'rediss-sentinel://s1,s2:26380/mymaster',
      {
        mode: 'sentinel',
        tls: true,
        sentinelMaster: 'mymaster',
        hosts: [
          { host: 's1', port: 26379 },
          { host: 's2', port: 26380 },
        ],
      },
    ],
  ])('reads %s', (url, expected) => {
    const config = loadConfig({ REDIS_URL: url, CACHE_SHARED_SECRET: SECRET });
    expect(config.sharedCache).toMatchObject({
      ...expected,
      secret: SECRET,
      keyPrefix: 'oig',
      commandTimeoutMs: 150,
      shareAccess: true,
    });
  });

  it.each([
    ['http://redis:6379', 'REDIS_URL must be'],
    ['redis://a:1,b:2', 'takes one host'],
    ['redis-sentinel://s1:26379', 'master name'],
    ['redis://redis:6379/notadb', 'database number'],
  ])('refuses %s', (url, message) => {
    const found = problems({ REDIS_URL: url, CACHE_SHARED_SECRET: SECRET });
    expect(found).toHaveLength(1);
    expect(found[0]).toContain(message);
  });

  it('never logs the secret or the password', () => {
    const config = loadConfig({
      REDIS_URL: 'redis://:sup3rpass@redis:6379',
      CACHE_SHARED_SECRET: SECRET,
    });
    const logged = JSON.stringify(redactConfig(config));
    expect(logged).not.toContain('sup3rpass');
    expect(logged).not.toContain(SECRET);
    expect(logged).toContain('[REDACTED]');
  });
});
