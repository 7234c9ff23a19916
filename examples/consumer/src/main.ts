/**
 * The example consumer as a command:
 *
 *   GATEWAY_URL=http://127.0.0.1:4000 GATEWAY_TOKEN="$(oc whoami -t)" \
 *     npx tsx examples/consumer/src/main.ts demo ubuntu@sha256:5020d54e...
 *
 * prints the platforms of the image, one per line (`linux/arm64/v8`).
 */
import { listPlatforms } from './images.js';

const [namespace, name] = process.argv.slice(2);
if (namespace === undefined || name === undefined) {
  console.error('usage: main.ts <namespace> <stream>@<digest>');
  process.exit(2);
}
const gatewayUrl = process.env['GATEWAY_URL'] ?? 'http://127.0.0.1:4000';
const token = process.env['GATEWAY_TOKEN'];

try {
  const { digest, isManifestList, platforms } = await listPlatforms(
    gatewayUrl,
    token,
    namespace,
    name,
  );
  console.log(`${digest ?? name}${isManifestList ? ' (manifest list)' : ''}`);
  for (const { os, architecture, variant } of platforms) {
    console.log([os ?? '?', architecture, variant].filter((part) => part !== null).join('/'));
  }
} catch (error) {
  console.error(`${(error as { code?: string }).code ?? 'ERROR'}: ${(error as Error).message}`);
  process.exit(1);
}
