/** Paths the e2e tests share. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file is test/e2e/support/paths.ts). */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** The built entry point, as `npm start` runs it. */
export const MAIN_JS = path.join(REPO_ROOT, 'dist', 'main.js');

/** Where e2e artifacts go (gitignored): process logs, the GraphiQL screenshot. */
export const TEST_RESULTS_DIR = path.join(REPO_ROOT, 'test-results');
