/**
 * Issue #13 in a real browser: a minimal page (served by the test at the gateway's origin)
 * subscribes to `imageStreamChanged` over SSE with a bearer token, as a frontend would, and shows a
 * tag move pushed to the simulator; GraphiQL runs the same subscription. Headless Debian Chromium,
 * offline. The gateway runs in process so that the test can drive the simulator's mutations.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, DEMO, type Simulator } from '../../src/simulator/index.js';
import type { Gateway } from '../../src/server/create-gateway.js';
import { startGatewayOver } from '../support/stack.js';
import { testConfig } from '../support/config.js';
import { captureLogs } from '../support/logs.js';
import { launchChromium, chromiumSkipReason } from './support/chromium.js';
import { TEST_RESULTS_DIR } from './support/paths.js';

const skipReason = chromiumSkipReason();
const { demo } = DEMO.namespaces;

/** The page: fetch-based SSE (EventSource cannot send Authorization), one list item per event. */
const PAGE = (token: string) => `<!doctype html>
<html><head><meta charset="utf-8"><title>live tags</title></head>
<body>
<h1>demo/app</h1><p id="state">connecting</p><ul id="events"></ul>
<script type="module">
const query = 'subscription { imageStreamChanged(namespace: "${demo}", name: "app") { __typename ... on TagUpdated { tag image previousImage } } }';
const response = await fetch('/graphql', {
  method: 'POST',
  headers: { accept: 'text/event-stream', 'content-type': 'application/json', authorization: 'Bearer ${token}' },
  body: JSON.stringify({ query }),
});
document.getElementById('state').textContent = 'subscribed ' + response.status;
const reader = response.body.getReader();
const decoder = new TextDecoder();
let buffer = '';
for (;;) {
  const { value, done } = await reader.read();
  if (done) break;
  buffer += decoder.decode(value, { stream: true });
  let end;
  while ((end = buffer.indexOf('\\n\\n')) !== -1) {
    const block = buffer.slice(0, end);
    buffer = buffer.slice(end + 2);
    if (!block.startsWith('event: next')) continue;
    const data = JSON.parse(block.split('\\n').find((line) => line.startsWith('data:')).slice(5));
    const event = data.data.imageStreamChanged;
    const item = document.createElement('li');
    item.textContent = event.__typename + ' ' + event.tag + ' ' + event.image;
    document.getElementById('events').append(item);
  }
}
</script></body></html>`;

describe.skipIf(skipReason !== undefined)(
  `a live page in headless Chromium${skipReason === undefined ? '' : ` (skipped: ${skipReason})`}`,
  () => {
    let simulator: Simulator | undefined;
    let gateway: Gateway | undefined;
    let browser: Browser | undefined;
    let url = '';

    beforeAll(async () => {
      simulator = await startSimulator();
      const built = await startGatewayOver(simulator, testConfig(), {
        logger: captureLogs().logger,
        tracing: false,
      });
      gateway = built.built;
      url = built.url;
      browser = await launchChromium();
    });

    afterAll(async () => {
      try {
        await browser?.close();
      } finally {
        await gateway?.close(1_000);
        await simulator?.close();
      }
    });

    const watchesOpen = async (n: number): Promise<void> => {
      await expect.poll(() => simulator?.openWatches(), { timeout: 10_000 }).toBe(n);
    };

    it('shows a tag move on a page subscribed with a bearer token', async () => {
      const sim = simulator!;
      const context = await browser!.newContext();
      const page = await context.newPage();
      await page.route(`${url}/live.html`, (route) =>
        route.fulfill({ contentType: 'text/html', body: PAGE(sim.token(DEMO.users.developer)) }),
      );
      await page.goto(`${url}/live.html`);
      await expect
        .poll(() => page.locator('#state').innerText(), { timeout: 10_000 })
        .toBe('subscribed 200');
      await watchesOpen(1);
      expect(await page.locator('#events li').count()).toBe(0);

      const digest = sim.pushImage(demo, 'app', 'latest');
      await expect
        .poll(() => page.locator('#events li').allInnerTexts(), { timeout: 10_000 })
        .toEqual([`TagUpdated latest ${digest}`]);
      mkdirSync(TEST_RESULTS_DIR, { recursive: true });
      await page.screenshot({ path: path.join(TEST_RESULTS_DIR, 'live-tags.png') });
      await context.close();
      // Closing the page ends the subscription and, as the last subscriber, the upstream watch.
      await watchesOpen(0);
    });

    it('runs the subscription in GraphiQL and shows the event in the result pane', async () => {
      const sim = simulator!;
      const context = await browser!.newContext({ viewport: { width: 1400, height: 1000 } });
      const page = await context.newPage();
      const query = `subscription { imageStreamChanged(namespace: "${demo}", name: "app") { __typename ... on TagUpdated { tag image } } }`;
      const headers = JSON.stringify({
        Authorization: `Bearer ${sim.token(DEMO.users.developer)}`,
      });
      await page.goto(
        `${url}/graphql?query=${encodeURIComponent(query)}&headers=${encodeURIComponent(headers)}`,
      );
      await page.getByRole('region', { name: 'Operation Editor' }).waitFor({ timeout: 30_000 });
      await expect
        .poll(() => page.locator('.graphiql-query-editor .view-lines').innerText(), {
          timeout: 30_000,
        })
        .toContain('imageStreamChanged');
      // The token goes into the Headers tab, as a user pastes it (insertText: no auto-closing).
      await page
        .getByRole('region', { name: 'Headers' })
        .locator('.graphiql-editor:not(.hidden) .view-lines')
        .click();
      await page.keyboard.press('Control+A');
      await page.keyboard.insertText(
        JSON.stringify({ Authorization: `Bearer ${sim.token(DEMO.users.developer)}` }),
      );
      // Monaco still auto-closes the pasted brackets and quotes: drop what it added after the cursor.
      await page.keyboard.press('Shift+End');
      await page.keyboard.press('Delete');
      // GraphiQL sends a subscription as a GET with Accept: text/event-stream and the headers.
      const sent = page.waitForRequest(
        (request) =>
          request.method() === 'GET' && request.headers()['accept'] === 'text/event-stream',
      );
      await page.getByRole('button', { name: /^Execute query/ }).click();
      expect((await (await sent).allHeaders())['authorization']).toMatch(/^Bearer sha256~/);
      await watchesOpen(1);
      const digest = sim.pushImage(demo, 'app', 'latest');
      await expect
        .poll(
          // The pane wraps long lines: compare without whitespace.
          async () => (await page.locator('.graphiql-response').innerText()).replace(/\s+/g, ''),
          { timeout: 10_000 },
        )
        .toContain(`"__typename":"TagUpdated","tag":"latest","image":"${digest}"`);
      mkdirSync(TEST_RESULTS_DIR, { recursive: true });
      await page.screenshot({ path: path.join(TEST_RESULTS_DIR, 'graphiql-subscription.png') });
      await context.close();
    });
  },
);
