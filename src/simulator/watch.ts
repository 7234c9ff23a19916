/** Watches of ImageStreams (filled in with item 4). */
import type { IncomingMessage, ServerResponse } from 'node:http';

import { statusReply, type Store } from './store.js';
import { methodNotSupported } from './status.js';
import { goJson } from './go-json.js';

/** One watch request. */
export interface WatchStart {
  user: string;
  namespace: string;
  query: URLSearchParams;
  pretty: boolean;
}

/** The open watches of one simulator. */
export class WatchHub {
  constructor(private readonly store: Store) {}
  forceExpired(_http: boolean): void {}
  bookmark(): void {}
  drop(_user?: string): number {
    return 0;
  }
  count(_user?: string): number {
    void this.store;
    return 0;
  }
  /** Starts a watch; returns the HTTP status sent. */
  start(_req: IncomingMessage, res: ServerResponse, w: WatchStart): number {
    const r = statusReply(methodNotSupported('imagestreams', 'watch'), w.pretty);
    res.writeHead(r.status, { 'Content-Type': r.contentType });
    res.end(r.body);
    void goJson;
    return r.status;
  }

  /** Ends every watch. */
  closeAll(): void {}
}
