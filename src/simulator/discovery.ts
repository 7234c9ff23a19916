/** Discovery documents (filled in with item 3). */
import type { Reply } from './store.js';

/** The discovery reply for a path, or undefined when the path is not a discovery path. */
export function discoveryReply(_rawPath: string, _pretty: boolean): Reply | undefined {
  return undefined;
}
