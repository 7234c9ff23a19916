/**
 * Upstream requests of the console-style pages (GraphiQL's example tabs), cold and warm, as the
 * simulator's request log counts them. Not a timing benchmark: it prints counts, in a few seconds.
 *
 *   npx tsx bench/navigation-requests.ts
 */
import {
  IMAGE_STREAM_TAG_QUERY,
  STREAM_LIST_QUERY,
  STREAM_PAGE_QUERY,
} from '../src/server/graphiql.js';
import { startStack } from '../test/support/stack.js';

const pages = [
  ['istag page', IMAGE_STREAM_TAG_QUERY],
  ['stream page', STREAM_PAGE_QUERY],
  ['stream list page', STREAM_LIST_QUERY],
] as const;

// One fresh gateway per page, so that each cold run shares nothing with the others.
for (const [name, query] of pages) {
  const stack = await startStack();
  try {
    for (const run of ['cold', 'warm']) {
      stack.simulator.requests.reset();
      const result = await stack.query(query);
      const counts: Record<string, number> = {};
      for (const entry of stack.simulator.requests.entries()) {
        const key = `${entry.verb ?? entry.method} ${entry.resource ?? entry.path} ${entry.status}`;
        counts[key] = (counts[key] ?? 0) + 1;
      }
      const total = Object.values(counts).reduce((a, b) => a + b, 0);
      console.log(
        `${name} ${run}: ${total} upstream requests ${JSON.stringify(counts)}; errors: ${result.errors?.length ?? 0}`,
      );
    }
  } finally {
    await stack.close();
  }
}
