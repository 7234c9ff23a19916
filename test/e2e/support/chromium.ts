/**
 * Debian's headless Chromium driven by playwright-core (never a browser Playwright downloads).
 * `npm test` installs it in its `pretest` step (scripts/install-system-deps.sh, as root on CI).
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's `chromium` package. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * Why the browser tests cannot run here, or undefined when they must run. Only a machine without
 * Chromium where we are not root (so `pretest` could not install it) may skip; as root a missing
 * Chromium is a failure, not a skip.
 */
export function chromiumSkipReason(): string | undefined {
  if (existsSync(CHROMIUM_PATH)) return undefined;
  if (process.getuid?.() === 0) return undefined;
  return `${CHROMIUM_PATH} is missing and this is not root: install Debian's 'chromium' package (scripts/install-system-deps.sh)`;
}

/**
 * The flags this machine needs: no sandbox (root in a container), no GPU, and none of Chromium's
 * own network traffic (updates, sync, QUIC, first-run), which a closed network refuses. Host names
 * other than 127.0.0.1 do not resolve, so a page that reaches for a CDN fails instead of leaking.
 * playwright-core adds `--headless` and a fresh temporary `--user-data-dir`, removed on close.
 */
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1',
];

/** Launches headless Debian Chromium; the error says how to install it when it is missing. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `${CHROMIUM_PATH} is missing: run 'bash scripts/install-system-deps.sh' (as root) or 'npm test', which runs it as pretest`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...CHROMIUM_ARGS],
    timeout: 60_000,
  });
}
