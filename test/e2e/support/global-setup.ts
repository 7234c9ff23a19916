/**
 * The e2e project's globalSetup: builds the server once per run (`npm run build`, tsc to `dist/`),
 * so every e2e test starts the same `node dist/main.js` that `npm start` runs.
 */
import { runNpm } from './npm.js';
import { REPO_ROOT } from './paths.js';

/** Runs `npm run build` in the repository; rejects with tsc's output when it fails. */
export default async function setup(): Promise<void> {
  await runNpm(['run', 'build'], REPO_ROOT, 'e2e globalSetup (the e2e tests need dist/main.js)');
}
