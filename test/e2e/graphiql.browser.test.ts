/**
 * Issue #3 in a real browser: GraphiQL from the built gateway in headless Debian Chromium, fully
 * offline (every request to the gateway on 127.0.0.1), runs its pre-filled query without a token
 * and shows the demo manifest list. Writes test-results/graphiql.png as the artifact.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { parse, print } from 'graphql';
import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_GRAPHIQL_QUERY } from '../../src/server/graphiql.js';
import { launchChromium, chromiumSkipReason } from './support/chromium.js';
import { expectDemoManifestList, type ManifestListResponse } from './support/demo-manifest-list.js';
import { startGateway, type GatewayProcess } from './support/gateway-process.js';
import { TEST_RESULTS_DIR } from './support/paths.js';

const SCREENSHOT = path.join(TEST_RESULTS_DIR, 'graphiql.png');
const skipReason = chromiumSkipReason();

/** Monaco renders spaces as U+00A0; compare with plain text. */
const editorText = async (page: Page, selector: string): Promise<string> =>
  (await page.locator(selector).innerText()).replace(/\u00a0/g, ' ');

/** The JSON body of a GraphQL POST, or undefined for anything else. */
function graphqlBody(request: Request): { query?: string; operationName?: string } | undefined {
  if (request.method() !== 'POST' || new URL(request.url()).pathname !== '/graphql') {
    return undefined;
  }
  return request.postDataJSON() as { query?: string; operationName?: string };
}

describe.skipIf(skipReason !== undefined)(
  `GraphiQL in headless Chromium${skipReason === undefined ? '' : ` (skipped: ${skipReason})`}`,
  () => {
    let gateway: GatewayProcess | undefined;
    let browser: Browser | undefined;
    let context: BrowserContext | undefined;
    const requests: string[] = [];
    const failedRequests: string[] = [];
    const consoleErrors: string[] = [];

    beforeAll(async () => {
      gateway = await startGateway({ label: 'graphiql-browser' });
      browser = await launchChromium();
      // Tall enough that the result pane renders both manifest-list children.
      context = await browser.newContext({
        viewport: { width: 1600, height: 2000 },
        serviceWorkers: 'block',
      });
      context.on('request', (request) => requests.push(request.url()));
      context.on('requestfailed', (request) =>
        failedRequests.push(`${request.url()}: ${request.failure()?.errorText ?? '?'}`),
      );
    });

    afterAll(async () => {
      try {
        await browser?.close();
      } finally {
        await gateway?.stop();
      }
    });

    it('runs the pre-filled example query without a token and shows the demo manifest list, loading nothing from off the machine', async () => {
      const { graphqlUrl, baseUrl } = gateway!;
      const page = await context!.newPage();
      page.on('console', (message) => {
        if (message.type() === 'error') consoleErrors.push(message.text());
      });
      page.on('pageerror', (error) => consoleErrors.push(`uncaught: ${error.message}`));

      await page.goto(graphqlUrl);
      const queryEditor = '.graphiql-query-editor .view-lines';
      await page.getByRole('region', { name: 'Operation Editor' }).waitFor({ timeout: 30_000 });
      await expect
        .poll(() => editorText(page, queryEditor), { timeout: 30_000 })
        .toContain('query ManifestList');
      expect(await editorText(page, queryEditor)).toBe(DEFAULT_GRAPHIQL_QUERY.trimEnd());

      // The Headers tab is open, pre-filled with an empty bearer token to complete.
      const headersEditor = page
        .getByRole('region', { name: 'Headers' })
        .locator('.graphiql-editor:not(.hidden) .view-lines');
      await expect
        .poll(async () => (await headersEditor.innerText()).replace(/\u00a0/g, ' '))
        .toMatch(/"Authorization":\s*"Bearer "/);

      const execute = page.getByRole('button', { name: /^Execute query/ });
      expect(await execute.getAttribute('class')).toContain('graphiql-execute-button');
      const sent = page.waitForRequest(
        (request) => graphqlBody(request)?.operationName === 'ManifestList',
      );
      await execute.click();
      const request = await sent;
      // What the editor held is what was sent (GraphiQL strips comments and whitespace), with the
      // pre-filled header and no token in it.
      expect(print(parse(graphqlBody(request)?.query ?? ''))).toBe(
        print(parse(DEFAULT_GRAPHIQL_QUERY)),
      );
      expect((await request.allHeaders())['authorization']).toMatch(/^Bearer\s*$/);
      const response = await request.response();
      expect(response?.status()).toBe(200);
      expectDemoManifestList((await response!.json()) as ManifestListResponse);

      const resultPane = page.getByRole('region', { name: 'Result Window' }).locator('.view-lines');
      await expect
        .poll(async () => (await resultPane.innerText()).replace(/\u00a0/g, ' '), {
          timeout: 30_000,
        })
        .toMatch(
          /"dockerImageManifests": \[[\s\S]*"architecture": "amd64"[\s\S]*"architecture": "arm64"/,
        );
      const shown = (await resultPane.innerText()).replace(/\u00a0/g, ' ');
      expect(shown).toMatch(/^\{\s*"data": \{\s*"imageStreamImage": \{/);
      expect(shown).not.toContain('"errors"');

      mkdirSync(TEST_RESULTS_DIR, { recursive: true });
      await page.screenshot({ path: SCREENSHOT });

      const offMachine = requests.filter(
        (url) => !url.startsWith(`${baseUrl}/`) && !/^(data|blob):/.test(url),
      );
      expect(offMachine, 'requests that did not go to the gateway on 127.0.0.1').toEqual([]);
      expect(requests.filter((url) => url.startsWith(`${baseUrl}/graphiql/assets/`))).not.toEqual(
        [],
      );
      expect(failedRequests).toEqual([]);
      expect(consoleErrors).toEqual([]);
    });
  },
);
