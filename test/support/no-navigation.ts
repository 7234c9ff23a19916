/**
 * The navigation methods of a fake upstream client that serves images only: each call fails the
 * test loudly, so a fake can never silently answer a stream or istag query.
 */
import type { OpenShiftClient } from '../../src/upstream/client.js';

const unsupported = (method: string) => (): Promise<never> =>
  Promise.reject(new Error(`this fake upstream client does not serve ${method}`));

/** Spread into a fake `OpenShiftClient` that only answers `getImageStreamImage`. */
export const noNavigation: Pick<
  OpenShiftClient,
  'listImageStreams' | 'getImageStream' | 'getImageStreamTag'
> = {
  listImageStreams: unsupported('listImageStreams'),
  getImageStream: unsupported('getImageStream'),
  getImageStreamTag: unsupported('getImageStreamTag'),
};
