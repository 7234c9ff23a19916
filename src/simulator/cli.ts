/**
 * `npm run simulator -- [--port 8443] [--host 127.0.0.1] [--tls] [--latency-ms N]`: runs the
 * simulator standalone with the demo dataset and prints its URL, the demo users' tokens and, with
 * `--tls`, the CA certificate (also written to a temporary file). The only simulator file that
 * touches `process`.
 */

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

import { DEMO, startSimulator } from './index.js';

/* eslint-disable no-console */

function fail(message: string): never {
  console.error(`simulator: ${message}`);
  process.exit(2);
}

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8443' },
    host: { type: 'string', default: '127.0.0.1' },
    tls: { type: 'boolean', default: false },
    'latency-ms': { type: 'string', default: '0' },
    help: { type: 'boolean', default: false },
  },
  strict: true,
});

if (values.help) {
  console.log(
    'usage: npm run simulator -- [--port 8443] [--host 127.0.0.1] [--tls] [--latency-ms N]',
  );
  process.exit(0);
}

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  fail(`--port must be an integer from 0 to 65535, but got: '${values.port}'`);
}
const latencyMs = Number(values['latency-ms']);
if (!Number.isFinite(latencyMs) || latencyMs < 0) {
  fail(`--latency-ms must be a number >= 0, but got: '${values['latency-ms']}'`);
}

const simulator = await startSimulator({ host: values.host, port, tls: values.tls, latencyMs });

console.log(`OpenShift image API simulator listening on ${simulator.url}`);
if (simulator.caPem !== undefined) {
  const caPath = join(mkdtempSync(join(tmpdir(), 'image-api-simulator-')), 'ca.crt');
  writeFileSync(caPath, simulator.caPem);
  console.log(`CA certificate: ${caPath}`);
  console.log(simulator.caPem.trim());
}
console.log('\nUsers (bearer tokens):');
for (const user of simulator.users) {
  const scope = user.namespaces === '*' ? 'all namespaces' : user.namespaces.join(', ');
  console.log(`  ${user.name.padEnd(20)} ${user.token}   (${scope})`);
}
const example = `${simulator.url}/apis/image.openshift.io/v1/namespaces/${DEMO.namespaces.demo}/imagestreamimages/${DEMO.streams.ubuntu}@${DEMO.digests.arm64.slice(0, 19)}`;
const curlCa = simulator.caPem === undefined ? '' : ' --cacert <CA path>';
console.log(
  `\nTry: curl${curlCa} -H "Authorization: Bearer ${simulator.token('developer')}" '${example}'`,
);

const shutdown = (): void => {
  simulator.close().then(
    () => process.exit(0),
    (err: unknown) => fail(String(err)),
  );
};
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
