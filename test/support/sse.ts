/**
 * A minimal GraphQL-over-SSE client for tests (yoga's built-in transport: `POST /graphql` with
 * `Accept: text/event-stream`): it parses `event:`/`data:` blocks across any chunk boundary and
 * hands out `next` payloads one at a time.
 */
import type { GraphQLResponse } from './stack.js';

export interface SseSubscription<T = Record<string, unknown>> {
  /** The response status and content type. */
  readonly status: number;
  readonly contentType: string | null;
  /** The next `next` payload; rejects after `timeoutMs`, or when the stream completed first. */
  next(timeoutMs?: number): Promise<GraphQLResponse<T>>;
  /** Resolves when the server sent `complete` or ended the body. */
  readonly completed: Promise<void>;
  /** Payloads received and not yet taken by `next`. */
  readonly buffered: number;
  /** Disconnects (the server sees the client go away). */
  close(): void;
}

/** Subscribes over SSE; resolves once the response headers arrived. */
export async function subscribeSse<T = Record<string, unknown>>(
  url: string,
  query: string,
  options: { token?: string | null; variables?: Record<string, unknown> } = {},
): Promise<SseSubscription<T>> {
  const controller = new AbortController();
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: {
      accept: 'text/event-stream',
      'content-type': 'application/json',
      ...(options.token === undefined || options.token === null
        ? {}
        : { authorization: `Bearer ${options.token}` }),
    },
    body: JSON.stringify({ query, variables: options.variables ?? {} }),
    signal: controller.signal,
  });
  const payloads: GraphQLResponse<T>[] = [];
  const waiters: (() => void)[] = [];
  let done = false;
  let markCompleted: () => void = () => {};
  const completed = new Promise<void>((resolve) => {
    markCompleted = resolve;
  });
  const finish = (): void => {
    done = true;
    markCompleted();
    for (const wake of waiters.splice(0)) wake();
  };
  void (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      const reader = response.body?.getReader();
      for (;;) {
        const read = await reader?.read();
        if (read === undefined || read.done) break;
        buffer += decoder.decode(read.value, { stream: true });
        for (let end = buffer.indexOf('\n\n'); end !== -1; end = buffer.indexOf('\n\n')) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          let event = 'message';
          const data: string[] = [];
          for (const line of block.split('\n')) {
            if (line.startsWith('event:')) event = line.slice(6).trim();
            else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
          }
          if (event === 'complete') {
            finish();
            return;
          }
          if (event === 'next' && data.length > 0) {
            payloads.push(JSON.parse(data.join('\n')) as GraphQLResponse<T>);
            for (const wake of waiters.splice(0)) wake();
          }
        }
      }
    } catch {
      // aborted by close()
    }
    finish();
  })();
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    completed,
    get buffered() {
      return payloads.length;
    },
    async next(timeoutMs = 5_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const payload = payloads.shift();
        if (payload !== undefined) return payload;
        if (done) throw new Error('the subscription completed without another event');
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`no event within ${timeoutMs} ms`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          waiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
    },
    close: () => controller.abort(),
  };
}
