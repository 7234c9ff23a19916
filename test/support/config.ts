import { loadConfig, type GatewayConfig } from '../../src/server/config.js';

/** A configuration for tests: the defaults plus `env`, with no upstream settings from this machine. */
export function testConfig(env: Record<string, string> = {}): GatewayConfig {
  return loadConfig({ LOG_LEVEL: 'silent', ...env });
}
