/**
 * Issue #15 in a real browser: the reference frontend (examples/stream-browser, built here) served
 * by the gateway at /browser/, over a simulator this test drives, in headless Debian Chromium.
 * Lists the demo namespace's streams, opens one, shows its tags and a manifest list's platforms,
 * follows a tag move without a reload, and counts the upstream requests of every page view
 * (the simulator's request log): going back to a page already seen costs 0. Writes screenshots
 * to test-results/stream-browser-*.png.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, DEMO, type Simulator } from '../../src/simulator/index.js';
import type { Gateway } from '../../src/server/create-gateway.js';
import { startGatewayOver } from '../support/stack.js';
import { testConfig } from '../support/config.js';
import { captureLogs } from '../support/logs.js';
import { launchChromium, chromiumSkipReason } from './support/chromium.js';
import { TEST_RESULTS_DIR } from './support/paths.js';
import { buildStreamBrowser } from './support/stream-browser-build.js';

const skipReason = chromiumSkipReason();
const { demo, catalog } = DEMO.namespaces;

/** Upstream requests by kind since the last `take()`. */
interface Cost {
  list: number;
  streamGets: number;
  images: number;
  watches: number;
  other: number;
}

describe.skipIf(skipReason !== undefined)(
  `the stream browser in headless Chromium${skipReason === undefined ? '' : ` (skipped: ${skipReason})`}`,
  () => {
    let simulator: Simulator | undefined;
    let gateway: Gateway | undefined;
    let browser: Browser | undefined;
    let url = '';
    const costs: Record<string, Cost> = {};

    beforeAll(async () => {
      const dist = await buildStreamBrowser();
      simulator = await startSimulator();
      const built = await startGatewayOver(simulator, testConfig({ STREAM_BROWSER_DIR: dist }), {
        logger: captureLogs().logger,
        tracing: false,
      });
      gateway = built.built;
      url = built.url;
      browser = await launchChromium();
      mkdirSync(TEST_RESULTS_DIR, { recursive: true });
    });

    afterAll(async () => {
      console.log(`stream browser upstream requests per page view: ${JSON.stringify(costs)}`);
      try {
        await browser?.close();
      } finally {
        await gateway?.close(1_000);
        await simulator?.close();
      }
    });

    /** The upstream requests since the last call, by kind. */
    const take = (): Cost => {
      const sim = simulator!;
      const entries = sim.requests.entries();
      sim.requests.reset();
      const cost: Cost = { list: 0, streamGets: 0, images: 0, watches: 0, other: 0 };
      for (const e of entries) {
        if (e.resource === 'imagestreams' && e.verb === 'list') cost.list += 1;
        else if (e.resource === 'imagestreams' && e.verb === 'get') cost.streamGets += 1;
        else if (e.resource === 'imagestreamimages') cost.images += 1;
        else if (e.verb === 'watch') cost.watches += 1;
        else cost.other += 1;
      }
      return cost;
    };

    /** Uncaught errors and console errors (a CSP violation is one) of every page. */
    const pageErrors: string[] = [];

    const newPage = async (token?: string): Promise<{ context: BrowserContext; page: Page }> => {
      const context = await browser!.newContext({ viewport: { width: 1400, height: 1800 } });
      if (token !== undefined) {
        await context.addInitScript(
          (t) => sessionStorage.setItem('stream-browser.token', t),
          token,
        );
      }
      const page = await context.newPage();
      page.on('pageerror', (error) => pageErrors.push(`uncaught: ${error.message}`));
      page.on('console', (message) => {
        if (message.type() === 'error') pageErrors.push(message.text());
      });
      return { context, page };
    };

    /** Image entries of Apollo's normalised cache, by digest. */
    const imageEntries = async (page: Page): Promise<Record<string, number>> =>
      page.evaluate(() => {
        const client = (
          window as unknown as {
            __APOLLO_CLIENT__: {
              cache: { extract(): Record<string, { __typename?: string; digest?: string }> };
            };
          }
        ).__APOLLO_CLIENT__;
        const counts: Record<string, number> = {};
        for (const [key, value] of Object.entries(client.cache.extract())) {
          if (value.__typename === 'Image' || key.startsWith('Image:')) {
            counts[value.digest ?? key] = (counts[value.digest ?? key] ?? 0) + 1;
          }
        }
        return counts;
      });

    const watchesOpen = async (n: number): Promise<void> => {
      await expect.poll(() => simulator?.openWatches(), { timeout: 10_000 }).toBe(n);
    };

    it('lists streams, opens one with tags and platforms, reaches an image by node(id), and goes back for free', async () => {
      const { context, page } = await newPage(simulator!.token(DEMO.users.developer));
      take();

      // 1. The demo namespace's streams: one list GET.
      await page.goto(`${url}/browser/#/ns/${demo}`);
      const streamLinks = page.locator('[data-testid=streams] tbody tr td:first-child a');
      await expect
        .poll(() => streamLinks.allInnerTexts(), { timeout: 30_000 })
        .toEqual(
          expect.arrayContaining([DEMO.streams.ubuntu, DEMO.streams.app, DEMO.streams.python]),
        );
      costs['streams list (demo)'] = take();
      expect(costs['streams list (demo)']).toEqual({
        list: 1,
        streamGets: 0,
        images: 0,
        watches: 0,
        other: 0,
      });
      await page.screenshot({ path: path.join(TEST_RESULTS_DIR, 'stream-browser-streams.png') });

      // 2. demo/ubuntu: tags, history and the manifest list's platforms with their layers.
      await page.getByRole('link', { name: DEMO.streams.ubuntu, exact: true }).click();
      const tagRows = page.locator('[data-testid=tags] tbody tr');
      await expect
        .poll(() => tagRows.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-tag'))), {
          timeout: 30_000,
        })
        .toEqual(expect.arrayContaining(['18.04', 'latest', 'broken']));
      const platforms = page.locator('[data-platform]');
      await expect
        .poll(
          () => platforms.evaluateAll((els) => els.map((e) => e.getAttribute('data-platform'))),
          { timeout: 30_000 },
        )
        .toEqual(['linux/amd64', 'linux/arm64/v8']);
      await expect
        .poll(() => page.locator('[data-platform] table tbody tr').count())
        .toBeGreaterThan(0);
      await expect
        .poll(() => page.locator('[data-platform] h3').allInnerTexts())
        .toEqual([
          expect.stringMatching(/total \d+(\.\d+)? MiB$/),
          expect.stringMatching(/total \d+(\.\d+)? MiB$/),
        ]);
      expect(await page.locator('tr[data-tag=broken]').innerText()).toMatch(/\S/);
      await watchesOpen(1);
      costs['stream page (demo/ubuntu)'] = take();
      // The stream GET of the query, the hub's GET on subscribing, the watch; three images: the
      // manifest list (18.04 and latest share it) and its two children.
      expect(costs['stream page (demo/ubuntu)']).toEqual({
        list: 0,
        streamGets: 2,
        images: 3,
        watches: 1,
        other: 0,
      });
      await page.screenshot({
        path: path.join(TEST_RESULTS_DIR, 'stream-browser-stream.png'),
        fullPage: true,
      });

      // 3. An image page by node(id): the current image of 18.04.
      await page.locator('tr[data-tag="18.04"] [data-testid=digest] a').click();
      await expect
        .poll(() => page.locator('[data-testid=image] h1').innerText(), { timeout: 30_000 })
        .toContain(DEMO.digests.manifestList.slice(0, 19));
      costs['image page (node(id))'] = take();
      // The gateway's cache holds this caller's read of the image (CACHE_ACCESS_TTL_SECONDS).
      expect(costs['image page (node(id))']).toEqual({
        list: 0,
        streamGets: 0,
        images: 0,
        watches: 0,
        other: 0,
      });

      // 4. Back to the stream page, then the list: nothing goes upstream (Apollo's cache answers;
      //    the subscription of the stream page stays open across the image page).
      await page.goBack();
      await expect.poll(() => platforms.count()).toBe(2);
      costs['back to stream page'] = take();
      await page.goBack();
      await expect.poll(() => page.locator('[data-testid=streams]').count()).toBe(1);
      costs['back to streams list'] = take();
      expect(costs['back to stream page']).toEqual({
        list: 0,
        streamGets: 0,
        images: 0,
        watches: 0,
        other: 0,
      });
      expect(costs['back to streams list']).toEqual({
        list: 0,
        streamGets: 0,
        images: 0,
        watches: 0,
        other: 0,
      });

      // One cache entry per image, however many views reached it (tag rows, platforms, node(id)).
      const images = await imageEntries(page);
      expect(images[DEMO.digests.manifestList]).toBe(1);
      expect(images[DEMO.digests.amd64]).toBe(1);
      expect(images[DEMO.digests.arm64]).toBe(1);
      expect(Object.values(images).every((n) => n === 1)).toBe(true);
      expect(pageErrors).toEqual([]);
      await context.close();
      await watchesOpen(0);
    });

    it('pages a namespace with relayStylePagination: one list GET per page', async () => {
      const { context, page } = await newPage(simulator!.token(DEMO.users.developer));
      take();
      await page.goto(`${url}/browser/#/ns/${catalog}`);
      const rows = page.locator('[data-testid=streams] tbody tr');
      await expect.poll(() => rows.count(), { timeout: 30_000 }).toBe(10);
      expect(take().list).toBe(1);
      await page.getByRole('button', { name: /Load more/ }).click();
      await expect.poll(() => rows.count(), { timeout: 30_000 }).toBe(20);
      costs['streams list, next page (catalog)'] = take();
      expect(costs['streams list, next page (catalog)']).toEqual({
        list: 1,
        streamGets: 0,
        images: 0,
        watches: 0,
        other: 0,
      });
      expect(
        await page.locator('[data-testid=streams] tbody tr td:first-child').allInnerTexts(),
      ).toEqual(DEMO.catalog.streams.slice(0, 20));
      await context.close();
    });

    it('follows a tag move pushed into the simulator without a reload', async () => {
      const sim = simulator!;
      const { context, page } = await newPage(sim.token(DEMO.users.developer));
      await page.goto(`${url}/browser/#/ns/${demo}/${DEMO.streams.app}`);
      const latest = page.locator('tr[data-tag=latest] [data-testid=digest]');
      await expect
        .poll(() => latest.getAttribute('title'), { timeout: 30_000 })
        .toMatch(/^sha256:/);
      const before = await latest.getAttribute('title');
      await watchesOpen(1);
      await page.evaluate(
        () => ((window as unknown as { __notReloaded: boolean }).__notReloaded = true),
      );
      take();

      const digest = sim.pushImage(demo, DEMO.streams.app, 'latest');
      expect(digest).not.toBe(before);
      await expect.poll(() => latest.getAttribute('title'), { timeout: 15_000 }).toBe(digest);
      await expect
        .poll(() => page.locator('[data-testid=live]').innerText())
        .toContain('(1 updates)');
      expect(
        await page.evaluate(() => (window as unknown as { __notReloaded?: boolean }).__notReloaded),
      ).toBe(true);
      // The history timeline moved too: the newest event is the push.
      await expect
        .poll(() => page.locator('[data-testid=timeline] tbody tr').first().innerText())
        .toContain(digest.slice(0, 19));
      costs['live tag move (per event)'] = take();
      // The new image, read once for the event's tag rows.
      expect(costs['live tag move (per event)']).toEqual({
        list: 0,
        streamGets: 0,
        images: 1,
        watches: 0,
        other: 0,
      });
      expect(pageErrors).toEqual([]);
      await page.screenshot({
        path: path.join(TEST_RESULTS_DIR, 'stream-browser-live.png'),
        fullPage: true,
      });
      await context.close();
      await watchesOpen(0);
    });

    it('shows FORBIDDEN on the rows a caller may not read, and renders the rest', async () => {
      const { context, page } = await newPage(simulator!.token(DEMO.users.viewerStreamsOnly));
      await page.goto(`${url}/browser/#/ns/${demo}/${DEMO.streams.app}`);
      const rows = page.locator('[data-testid=tags] tbody tr');
      await expect.poll(() => rows.count(), { timeout: 30_000 }).toBeGreaterThan(0);
      await expect
        .poll(() => page.locator('tr[data-tag=latest] .forbidden').innerText(), { timeout: 30_000 })
        .toContain('FORBIDDEN');
      // The stream itself, its history and the row's other cells still render.
      expect(await page.locator('tr[data-tag=latest]').innerText()).toContain('latest');
      expect(await page.locator('[data-testid=timeline] tbody tr').count()).toBeGreaterThan(0);
      await page.screenshot({
        path: path.join(TEST_RESULTS_DIR, 'stream-browser-forbidden.png'),
        fullPage: true,
      });
      await context.close();
    });
  },
);
