/**
 * GraphiQL that works offline: the page yoga would render loads its JavaScript, CSS and Monaco
 * workers from unpkg.com, which an air-gapped cluster cannot reach. Here the same bundle (from
 * `@graphql-yoga/render-graphiql`, the version matching graphql-yoga) is served by the gateway
 * itself under {@link GRAPHIQL_ASSETS_PATH}, with content-hashed names and immutable caching, and
 * the page references nothing but those paths.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { promisify } from 'node:util';
import { gzip as gzipCallback } from 'node:zlib';
import type { GraphiQLOptions } from 'graphql-yoga';
import type * as GraphiQLBundle from '@graphql-yoga/render-graphiql/graphiql';

const gzip = promisify(gzipCallback);

/** Where the HTTP front serves GraphiQL's assets; every asset URL of the page starts with it. */
export const GRAPHIQL_ASSETS_PATH = '/graphiql/assets/';

/**
 * GraphiQL's pre-filled query: a manifest list of the demo data (and of any cluster that imported
 * docker.io/library/ubuntu:18.04 with PreserveOriginal into `demo/ubuntu`), its platforms, and each
 * child resolved to its own image through the same stream.
 */
export const DEFAULT_GRAPHIQL_QUERY = `# The demo data answers this without a token. Against a real cluster, put
# "Authorization": "Bearer <oc whoami -t>" in the Headers tab below.
query ManifestList {
  imageStreamImage(
    namespace: "demo"
    name: "ubuntu@sha256:5020d54ec2de60c4e187128b5a03adda261a7fe78c9c500ffd24ff4af476fb41"
  ) {
    metadata {
      name
      creationTimestamp
    }
    image {
      digest
      dockerImageReference
      dockerImageManifestMediaType
      isManifestList
      dockerImageManifests {
        digest
        architecture
        os
        variant
        manifestSize
        image {
          digest
          layerCount
          totalLayerSize
          dockerImageLayers {
            name
            size
            mediaType
          }
        }
      }
    }
  }
}
`;

/** The console's stream page in one query (docs/navigation.md): details, tag table, history, head images. */
export const STREAM_PAGE_QUERY = `# A stream page, as the OpenShift console shows it, in one query: 1 GET for the stream
# plus 1 per distinct head image (0 on a warm repeat).
query StreamPage {
  imageStream(namespace: "catalog", name: "frontend") {
    id
    metadata {
      name
      namespace
      creationTimestamp
    }
    dockerImageRepository
    publicDockerImageRepository
    lastUpdated
    importErrors {
      tag
      message
    }
    tags {
      id
      name
      state
      lastUpdated
      pullSpec
      spec {
        from {
          kind
          name
        }
        referencePolicy {
          type
        }
      }
      image {
        id
        digest
        platforms {
          os
          architecture
        }
      }
    }
    timeline(first: 10) {
      id
      created
      tag
      image
      dockerImageReference
    }
  }
}
`;

/** A page of the stream list, with the cursor for the next one. */
export const STREAM_LIST_QUERY = `# The stream list of a namespace, one page (1 GET). Pass pageInfo.endCursor as
# \`after\` for the next page; an expired cursor is CURSOR_EXPIRED (start over).
query StreamList($after: String) {
  imageStreams(namespace: "catalog", first: 10, after: $after) {
    edges {
      node {
        id
        metadata {
          name
          creationTimestamp
          labels {
            key
            value
          }
        }
        lastUpdated
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
    remainingItemCount
  }
}
`;

/** The istag details page: what a tag points at, and the stream's history of that tag. */
export const IMAGE_STREAM_TAG_QUERY = `# An istag page: the current image of a tag, and its history through the stream.
query ImageStreamTag {
  imageStreamTag(namespace: "catalog", name: "frontend:latest") {
    id
    digest
    dockerImageReference
    tag {
      importPolicy {
        importMode
      }
    }
    image {
      id
      dockerImageMetadata {
        Size
        Architecture
        Config {
          Entrypoint
          Cmd
          Env
        }
      }
      platforms {
        os
        architecture
      }
    }
    imageStream {
      tag(name: "latest") {
        history {
          created
          image
        }
      }
    }
  }
}
`;

/** GraphiQL's example tabs: the manifest list first (the page's pre-filled query), then navigation. */
export const GRAPHIQL_EXAMPLE_QUERIES: readonly string[] = [
  DEFAULT_GRAPHIQL_QUERY,
  STREAM_PAGE_QUERY,
  STREAM_LIST_QUERY,
  IMAGE_STREAM_TAG_QUERY,
];

/** One static asset: immutable once loaded. */
interface GraphiQLAsset {
  readonly contentType: string;
  readonly body: Buffer;
  readonly etag: string;
  gzipped?: Promise<Buffer>;
}

/** The asset URLs the page needs. */
interface GraphiQLAssetUrls {
  readonly js: string;
  readonly css: string;
  readonly favicon: string;
  readonly workers: Readonly<Record<'editorWorkerService' | 'json' | 'graphql', string>>;
}

interface GraphiQLAssets {
  readonly byPath: ReadonlyMap<string, GraphiQLAsset>;
  readonly urls: GraphiQLAssetUrls;
}

const JS = 'text/javascript; charset=utf-8';

/** Builds the asset table from the bundle's strings; names carry a content hash. */
function buildAssets(bundle: typeof GraphiQLBundle): GraphiQLAssets {
  const byPath = new Map<string, GraphiQLAsset>();
  const add = (name: string, extension: string, contentType: string, body: Buffer): string => {
    const hash = createHash('sha256').update(body).digest('hex').slice(0, 16);
    const path = `${GRAPHIQL_ASSETS_PATH}${name}.${hash}.${extension}`;
    byPath.set(path, { contentType, body, etag: `"${hash}"` });
    return path;
  };
  const favicon = /^data:([^;,]+);base64,(.*)$/s.exec(bundle.favicon);
  return {
    byPath,
    urls: {
      js: add('yoga-graphiql', 'js', JS, Buffer.from(bundle.js, 'utf8')),
      css: add('graphiql', 'css', 'text/css; charset=utf-8', Buffer.from(bundle.css, 'utf8')),
      favicon:
        favicon?.[1] !== undefined && favicon[2] !== undefined
          ? add('favicon', 'ico', favicon[1], Buffer.from(favicon[2], 'base64'))
          : add('favicon', 'ico', 'image/x-icon', Buffer.alloc(0)),
      workers: {
        editorWorkerService: add(
          'editor.worker',
          'js',
          JS,
          Buffer.from(bundle.editorWorkerService, 'utf8'),
        ),
        json: add('json.worker', 'js', JS, Buffer.from(bundle.jsonWorker, 'utf8')),
        graphql: add('graphql.worker', 'js', JS, Buffer.from(bundle.graphqlWorker, 'utf8')),
      },
    },
  };
}

// The bundle is ~9 MB of strings: imported on first use (never when GraphiQL is off) and kept for
// the life of the process, like any other module.
let assets: Promise<GraphiQLAssets> | undefined;
function loadAssets(): Promise<GraphiQLAssets> {
  assets ??= import('@graphql-yoga/render-graphiql/graphiql').then(
    buildAssets,
    (error: unknown) => {
      assets = undefined;
      throw error;
    },
  );
  return assets;
}

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);

/** JSON safe inside an inline `<script>`: no `</script>`, no `<!--`, no JS line terminators. */
const scriptJson = (value: unknown): string =>
  JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');

/**
 * Renders the GraphiQL page (yoga's `renderGraphiQL` option). Every asset is a same-origin path
 * under {@link GRAPHIQL_ASSETS_PATH}; the Monaco editor's workers are started from those paths too.
 */
export async function renderGraphiQLPage(options: GraphiQLOptions): Promise<string> {
  const { urls } = await loadAssets();
  const title = escapeHtml(options.title ?? 'GraphiQL');
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${title}</title>
    <link rel="icon" href="${urls.favicon}" />
    <link rel="stylesheet" href="${urls.css}" />
  </head>
  <body id="body" class="no-focus-outline">
    <noscript>You need to enable JavaScript to run this app.</noscript>
    <div id="root">Loading ${title}...</div>
    <script>
      const workerUrls = ${scriptJson(urls.workers)};
      self.MonacoEnvironment = {
        globalAPI: false,
        getWorkerUrl: (_moduleId, label) => workerUrls[label] ?? workerUrls.editorWorkerService,
      };
    </script>
    <script src="${urls.js}"></script>
    <script>
      YogaGraphiQL.renderYogaGraphiQL(document.getElementById('root'), ${scriptJson(options)});
    </script>
  </body>
</html>
`;
}

/** What the HTTP front answers for a path under {@link GRAPHIQL_ASSETS_PATH}. */
export interface GraphiQLAssetResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
}

/** The request facts {@link graphiqlAssetResponse} looks at. */
export interface GraphiQLAssetRequest {
  readonly method: string;
  readonly path: string;
  readonly acceptEncoding?: string | undefined;
  readonly ifNoneMatch?: string | undefined;
}

const text = (status: number, body: string, extra: Record<string, string> = {}) => ({
  status,
  headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', ...extra },
  body: Buffer.from(body, 'utf8'),
});

/**
 * The response for one asset request: the file with its content type, a year of immutable caching
 * (names carry a content hash, so a new bundle gets new URLs), gzip when accepted, 304 on a
 * matching `If-None-Match`; 404 for an unknown path and 405 for a method other than GET/HEAD.
 */
export async function graphiqlAssetResponse(
  request: GraphiQLAssetRequest,
): Promise<GraphiQLAssetResponse> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return text(405, 'method not allowed\n', { allow: 'GET, HEAD' });
  }
  const asset = (await loadAssets()).byPath.get(request.path);
  if (asset === undefined) return text(404, 'not found\n');
  const headers: Record<string, string> = {
    'content-type': asset.contentType,
    'cache-control': 'public, max-age=31536000, immutable',
    etag: asset.etag,
    vary: 'accept-encoding',
    'x-content-type-options': 'nosniff',
  };
  if (request.ifNoneMatch?.split(',').some((tag) => tag.trim() === asset.etag) === true) {
    return { status: 304, headers, body: Buffer.alloc(0) };
  }
  let body = asset.body;
  if (/\bgzip\b/.test(request.acceptEncoding ?? '') && asset.body.length > 1024) {
    asset.gzipped ??= gzip(asset.body);
    body = await asset.gzipped;
    headers['content-encoding'] = 'gzip';
  }
  headers['content-length'] = String(body.length);
  return { status: 200, headers, body: request.method === 'HEAD' ? Buffer.alloc(0) : body };
}

/** Serves `GET|HEAD /graphiql/assets/*` for the gateway's node:http front. */
export async function serveGraphiQLAsset(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
): Promise<void> {
  const response = await graphiqlAssetResponse({
    method: req.method ?? 'GET',
    path,
    acceptEncoding: req.headers['accept-encoding'],
    ifNoneMatch: req.headers['if-none-match'],
  });
  res.writeHead(response.status, response.headers);
  res.end(response.body);
}
