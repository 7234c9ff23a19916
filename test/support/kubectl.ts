/**
 * Debian's kubectl (the `kubernetes-client` package), as scripts/install-system-deps.sh provides
 * it: `/usr/bin/kubectl` when the package is installed, else the copy it unpacked into
 * `.cache/kubernetes-client/` because another package (e.g. Google Cloud SDK) owns that path.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const UNPACKED = fileURLToPath(
  new URL('../../.cache/kubernetes-client/usr/bin/kubectl', import.meta.url),
);

function packageInstalled(): boolean {
  try {
    return execFileSync('dpkg-query', ['-W', '-f=${Status}', 'kubernetes-client'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).includes('install ok installed');
  } catch {
    return false;
  }
}

let found: string | undefined;

/** The path of Debian's kubectl (looked up once); throws, saying what to run, when neither is there. */
export function debianKubectl(): string {
  found ??= packageInstalled() ? '/usr/bin/kubectl' : existsSync(UNPACKED) ? UNPACKED : undefined;
  if (found !== undefined) return found;
  throw new Error(
    "Debian's kubectl (kubernetes-client) is missing: run `bash scripts/install-system-deps.sh` (npm test runs it first)",
  );
}
