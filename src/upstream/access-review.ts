/**
 * One question to the API server, asked with the caller's own credential: "may I `get
 * imagestreamimages` in this namespace?" (`POST /apis/authorization.k8s.io/v1/selfsubjectaccessreviews`).
 * The digest cache uses a positive answer, with the caller's own read of an ImageStream, as a proof
 * of readability for the images that stream lists (docs/caching.md, "Stream pages").
 *
 * Any answer but a 201 with `status.allowed: true` proves nothing (the caller's image is then read
 * as usual, which reports the real error); nothing here is retried, since a failure costs only the
 * saving, never the answer.
 */
import { Pool, type Dispatcher } from 'undici';
import type { RequestCredential, UpstreamCallOptions } from './client.js';
import { requestHeaders, splitBaseUrl } from './openshift-client.js';
import type { UpstreamTlsOptions } from './tls.js';

export const ACCESS_REVIEW_PATH = '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews';

/** Options of {@link createAccessReviewClient}. */
export interface AccessReviewClientOptions {
  /** Base URL of the API server. */
  readonly baseUrl: string;
  readonly tls?: UpstreamTlsOptions;
  /** A dispatcher to send through (tests); a small pool of its own otherwise. */
  readonly dispatcher?: Dispatcher;
  /** Deadline of one review. @default 5000 */
  readonly timeoutMs?: number;
  readonly userAgent?: string;
}

/** Asks, answers true only for an allowed review. */
export interface AccessReviewClient {
  /** Whether the credential may `get imagestreamimages` in `namespace`; rejects on no answer. */
  reviewImageStreamImages(
    namespace: string,
    credential: RequestCredential,
    options?: UpstreamCallOptions,
  ): Promise<boolean>;
  close(): Promise<void>;
}

/** The review body: exactly the permission an ImageStreamImage GET needs. */
export function imageStreamImagesReview(namespace: string): object {
  return {
    kind: 'SelfSubjectAccessReview',
    apiVersion: 'authorization.k8s.io/v1',
    spec: {
      resourceAttributes: {
        namespace,
        verb: 'get',
        group: 'image.openshift.io',
        resource: 'imagestreamimages',
      },
    },
  };
}

/** Creates the client. */
export function createAccessReviewClient(options: AccessReviewClientOptions): AccessReviewClient {
  const { origin, prefix } = splitBaseUrl(options.baseUrl);
  const timeoutMs = options.timeoutMs ?? 5_000;
  const userAgent = options.userAgent ?? 'openshift-image-graphql/0.1.0';
  const tls = options.tls;
  const owned = options.dispatcher === undefined;
  const dispatcher =
    options.dispatcher ??
    new Pool(origin, {
      connections: 4,
      keepAliveTimeout: 30_000,
      connect: {
        timeout: timeoutMs,
        ...(tls === undefined
          ? {}
          : {
              rejectUnauthorized: tls.rejectUnauthorized,
              ...(tls.ca === undefined ? {} : { ca: tls.ca }),
              ...(tls.cert === undefined ? {} : { cert: tls.cert }),
              ...(tls.key === undefined ? {} : { key: tls.key }),
              ...(tls.servername === undefined ? {} : { servername: tls.servername }),
            }),
      },
    });

  return {
    async reviewImageStreamImages(namespace, credential, callOptions = {}) {
      const headers = {
        ...requestHeaders(userAgent, credential, callOptions.requestId),
        'content-type': 'application/json',
      };
      const left =
        callOptions.deadline === undefined ? timeoutMs : callOptions.deadline - Date.now();
      const budget = Math.max(1, Math.min(timeoutMs, left));
      callOptions.onAttempt?.();
      const response = await dispatcher.request({
        origin,
        path: `${prefix}${ACCESS_REVIEW_PATH}`,
        method: 'POST',
        headers,
        body: JSON.stringify(imageStreamImagesReview(namespace)),
        headersTimeout: budget,
        bodyTimeout: budget,
        ...(callOptions.signal === undefined ? {} : { signal: callOptions.signal }),
      });
      const text = await response.body.text();
      if (response.statusCode !== 201 && response.statusCode !== 200) return false;
      try {
        const review = JSON.parse(text) as { kind?: unknown; status?: { allowed?: unknown } };
        return review.kind === 'SelfSubjectAccessReview' && review.status?.allowed === true;
      } catch {
        return false;
      }
    },
    async close() {
      if (owned) await dispatcher.close();
    },
  };
}
