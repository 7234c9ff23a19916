import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, redactConfig } from '../../../src/server/config.js';

describe('loadConfig', () => {
  it('gives the documented defaults for an empty environment', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 4000,
      host: '0.0.0.0',
      authMode: 'passthrough',
      upstreamTimeoutMs: 10_000,
      requestTimeoutMs: 30_000,
      upstreamRetries: 2,
      cacheAccessTtlSeconds: 30,
      cacheMaxBytes: 256 * 1024 * 1024,
      graphiql: true,
      introspection: true,
      persistedOperationsMode: 'apq',
      limits: { maxBodyBytes: 1024 * 1024, maxUpstreamCallsPerRequest: 100 },
    });
  });

  it('reports every problem at once, saying what was expected and what arrived', () => {
    const error = (() => {
      try {
        loadConfig({
          UPSTREAM_MAX_CONCURRENCY: 'ten',
          AUTH_MODE: 'anonymous',
          GRAPHIQL_ENABLED: 'maybe',
          PORT: '70000',
          OPENSHIFT_API_URL: 'ftp://example',
        });
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      "OPENSHIFT_API_URL must use https: or http:, but got: 'ftp:'",
      "PORT must be a non-negative integer <= 65535, but got: '70000'",
      "AUTH_MODE must be one of passthrough, service, but got: 'anonymous'",
      "UPSTREAM_MAX_CONCURRENCY must be a positive integer, but got: 'ten'",
      "GRAPHIQL_ENABLED must be true or false, but got: 'maybe'",
    ]);
  });

  it('refuses credentials in OPENSHIFT_API_URL without echoing them', () => {
    expect(() =>
      loadConfig({ OPENSHIFT_API_URL: 'https://user:s3cret@api.example.com:6443' }),
    ).toThrow(/must not carry credentials/);
    try {
      loadConfig({ OPENSHIFT_API_URL: 'https://user:s3cret@api.example.com:6443' });
    } catch (error) {
      expect(String(error)).not.toContain('s3cret');
    }
  });

  it('ignores NODE_ENV: production changes nothing', () => {
    expect(loadConfig({ NODE_ENV: 'production' })).toEqual(loadConfig({}));
  });

  it('needs a safelist file for safelist mode, and one token source at most', () => {
    expect(() => loadConfig({ PERSISTED_OPERATIONS_MODE: 'safelist' })).toThrow(
      /PERSISTED_OPERATIONS_FILE/,
    );
    expect(() =>
      loadConfig({
        OPENSHIFT_API_URL: 'https://api:6443',
        OPENSHIFT_TOKEN: 't',
        OPENSHIFT_TOKEN_FILE: '/t',
      }),
    ).toThrow(/both set/);
  });
});

describe('redactConfig', () => {
  it('replaces the token and leaves unset secrets out rather than pretending they are set', () => {
    const withToken = redactConfig(
      loadConfig({ OPENSHIFT_API_URL: 'https://api:6443', OPENSHIFT_TOKEN: 'sha256~secret' }),
    );
    expect(JSON.stringify(withToken)).not.toContain('sha256~secret');
    expect(withToken['upstream']).toMatchObject({
      token: '[REDACTED]',
      apiUrl: 'https://api:6443',
    });
    const without = redactConfig(loadConfig({}));
    expect(without['upstream']).not.toHaveProperty('token');
  });
});
