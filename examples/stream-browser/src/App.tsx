/**
 * The stream browser: hash routes `#/ns/<namespace>` (streams, paged), `#/ns/<namespace>/<stream>`
 * (tags, history, platforms; live over `imageStreamChanged`) and `#/image/<id>` (`node(id)`).
 */
import { useQuery, useSubscription } from '@apollo/client/react';
import { useEffect, useState, type ReactNode } from 'react';
import type { StreamQuery } from '../generated/graphql';
import { readToken, writeToken } from './apollo';
import { describeErrors, errorsAt, graphqlErrors } from './errors';
import { formatBytes, formatTime, shortDigest } from './format';
import { MANIFEST_LIST, NODE_IMAGE, STREAM, STREAM_CHANGED, STREAMS } from './operations';

const PAGE_SIZE = 10;

function useHash(): string {
  const [hash, setHash] = useState(window.location.hash);
  useEffect(() => {
    const onChange = () => setHash(window.location.hash);
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return hash;
}

export function App() {
  const hash = useHash();
  const parts = hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  // The tags table of the last stream opened follows its changes; the subscription outlives a
  // visit to an image page, so that coming back costs nothing.
  const [live, setLive] = useState<{ namespace: string; name: string }>();
  const streamRoute =
    parts[0] === 'ns' && parts[1] && parts[2] ? { namespace: parts[1], name: parts[2] } : undefined;
  useEffect(() => {
    if (
      streamRoute &&
      (streamRoute.namespace !== live?.namespace || streamRoute.name !== live?.name)
    )
      setLive(streamRoute);
  }, [streamRoute?.namespace, streamRoute?.name]); // eslint-disable-line react-hooks/exhaustive-deps
  let page: ReactNode;
  if (parts[0] === 'image' && parts[1]) page = <ImagePage id={parts.slice(1).join('/')} />;
  else if (streamRoute)
    page = <StreamPage namespace={streamRoute.namespace} name={streamRoute.name} />;
  else page = <StreamsPage namespace={parts[0] === 'ns' && parts[1] ? parts[1] : 'demo'} />;
  return (
    <>
      <header>
        <a href="#/ns/demo">Image streams</a>
        {live ? (
          <LiveUpdates
            key={`${live.namespace}/${live.name}`}
            namespace={live.namespace}
            name={live.name}
          />
        ) : null}
        <TokenField />
      </header>
      <main>{page}</main>
    </>
  );
}

function LiveUpdates({ namespace, name }: { namespace: string; name: string }) {
  const [events, setEvents] = useState(0);
  const live = useSubscription(STREAM_CHANGED, {
    variables: { namespace, name },
    onData: () => setEvents((n) => n + 1),
  });
  return (
    <span className="live" data-testid="live">
      {live.error
        ? `live updates of ${namespace}/${name} stopped: ${live.error.message}`
        : `live: ${namespace}/${name} (${events} updates)`}
    </span>
  );
}

function TokenField() {
  const [token, setToken] = useState(readToken());
  return (
    <label>
      Token{' '}
      <input
        type="password"
        aria-label="Bearer token"
        placeholder="sha256~… (empty: the demo user)"
        value={token}
        onChange={(e) => setToken(e.target.value)}
        onBlur={() => {
          if (token !== readToken()) {
            writeToken(token.trim());
            window.location.reload();
          }
        }}
      />
    </label>
  );
}

function Copy({ text }: { text: string | null | undefined }) {
  if (!text) return <span>—</span>;
  return (
    <span>
      <code>{text}</code>
      <button
        className="copy"
        type="button"
        title="Copy"
        onClick={() => void navigator.clipboard?.writeText(text)}
      >
        copy
      </button>
    </span>
  );
}

function TopError({ error }: { error: unknown }) {
  if (!error) return null;
  const errors = graphqlErrors(error);
  const top =
    errors.length === 0
      ? [{ message: String(error) }]
      : errorsAt(errors, []).filter((e) => (e.path?.length ?? 0) <= 1);
  if (top.length === 0) return null;
  return (
    <p className="error" role="alert">
      {describeErrors(top)}
    </p>
  );
}

function StreamsPage({ namespace }: { namespace: string }) {
  const { data, error, loading, fetchMore } = useQuery(STREAMS, {
    variables: { namespace, first: PAGE_SIZE },
    errorPolicy: 'all',
  });
  const connection = data?.imageStreams;
  return (
    <section>
      <h1>Image streams in {namespace}</h1>
      <TopError error={error} />
      {loading && !connection ? <p>Loading…</p> : null}
      {connection ? (
        <table data-testid="streams">
          <thead>
            <tr>
              <th>Stream</th>
              <th>Tags</th>
              <th>Last updated</th>
            </tr>
          </thead>
          <tbody>
            {connection.edges.map(({ node }) => (
              <tr key={node.id}>
                <td>
                  <a
                    href={`#/ns/${encodeURIComponent(namespace)}/${encodeURIComponent(node.metadata.name ?? '')}`}
                  >
                    {node.metadata.name}
                  </a>
                </td>
                <td>{node.tags.map((t) => t.name).join(', ')}</td>
                <td>{formatTime(node.lastUpdated)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {connection?.pageInfo.hasNextPage ? (
        <button
          type="button"
          onClick={() => void fetchMore({ variables: { after: connection.pageInfo.endCursor } })}
        >
          Load more{connection.remainingItemCount ? ` (${connection.remainingItemCount} left)` : ''}
        </button>
      ) : null}
    </section>
  );
}

type Stream = NonNullable<StreamQuery['imageStream']>;

function StreamPage({ namespace, name }: { namespace: string; name: string }) {
  const { data, error, loading } = useQuery(STREAM, {
    variables: { namespace, name },
    errorPolicy: 'all',
  });
  const stream = data?.imageStream;
  const errors = graphqlErrors(error);
  return (
    <section>
      <p>
        <a href={`#/ns/${encodeURIComponent(namespace)}`}>← {namespace}</a>
      </p>
      <h1>
        {namespace}/{name}
      </h1>
      <TopError error={error} />
      {loading && !stream ? <p>Loading…</p> : null}
      {stream ? (
        <>
          <p>
            Repository: <Copy text={stream.dockerImageRepository} />
          </p>
          <TagsTable stream={stream} errors={errors} />
          <Timeline stream={stream} />
          <Platforms stream={stream} />
        </>
      ) : null}
    </section>
  );
}

function TagsTable({
  stream,
  errors,
}: {
  stream: Stream;
  errors: ReturnType<typeof graphqlErrors>;
}) {
  return (
    <>
      <h2>Tags</h2>
      <table data-testid="tags">
        <thead>
          <tr>
            <th>Tag</th>
            <th>From</th>
            <th>State</th>
            <th>Image</th>
            <th>Size</th>
            <th>Last updated</th>
            <th>Pull spec</th>
            <th>Import error</th>
          </tr>
        </thead>
        <tbody>
          {stream.tags.map((tag, i) => {
            const rowErrors = errorsAt(errors, ['imageStream', 'tags', i]);
            const from = tag.spec?.from;
            return (
              <tr key={tag.id} data-tag={tag.name}>
                <td>{tag.name}</td>
                <td>
                  {from
                    ? `${from.kind ?? ''} ${from.namespace ? `${from.namespace}/` : ''}${from.name ?? ''}`
                    : '—'}
                </td>
                <td>{tag.state}</td>
                <td data-testid="digest" title={tag.image?.digest ?? ''}>
                  {rowErrors.length > 0 ? (
                    <span className="forbidden">{describeErrors(rowErrors)}</span>
                  ) : tag.image ? (
                    <a href={`#/image/${encodeURIComponent(tag.image.id)}`}>
                      {shortDigest(tag.image.digest)}
                    </a>
                  ) : (
                    '—'
                  )}
                  {tag.image?.isManifestList ? ' (manifest list)' : ''}
                </td>
                <td>{formatBytes(tag.image?.totalLayerSize)}</td>
                <td>{formatTime(tag.lastUpdated)}</td>
                <td>
                  <Copy text={tag.pullSpec} />
                </td>
                <td className="error">
                  {tag.importError
                    ? `${tag.importError.reason ?? ''} ${tag.importError.message ?? ''}`
                    : ''}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}

function Timeline({ stream }: { stream: Stream }) {
  return (
    <>
      <h2>History</h2>
      <table data-testid="timeline">
        <thead>
          <tr>
            <th>When</th>
            <th>Tag</th>
            <th>Image</th>
          </tr>
        </thead>
        <tbody>
          {stream.timeline.map((event) => (
            <tr key={event.id}>
              <td>{formatTime(event.created)}</td>
              <td>{event.tag}</td>
              <td>
                <code>{shortDigest(event.image)}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function Platforms({ stream }: { stream: Stream }) {
  const lists = new Map<string, string[]>();
  for (const tag of stream.tags) {
    if (!tag.image?.isManifestList || !tag.image.digest) continue;
    lists.set(tag.image.digest, [...(lists.get(tag.image.digest) ?? []), tag.name]);
  }
  return (
    <>
      {[...lists].map(([digest, tags]) => (
        <ManifestList
          key={digest}
          namespace={stream.metadata.namespace ?? ''}
          stream={stream.metadata.name ?? ''}
          digest={digest}
          tags={tags}
        />
      ))}
    </>
  );
}

function ManifestList({
  namespace,
  stream,
  digest,
  tags,
}: {
  namespace: string;
  stream: string;
  digest: string;
  tags: string[];
}) {
  const { data, error } = useQuery(MANIFEST_LIST, {
    variables: { namespace, name: `${stream}@${digest}` },
    errorPolicy: 'all',
  });
  const errors = graphqlErrors(error);
  const manifests = data?.imageStreamImage?.image.dockerImageManifests ?? [];
  return (
    <div data-testid="platforms">
      <h2>
        Platforms of {tags.join(', ')} ({shortDigest(digest)})
      </h2>
      <TopError error={error} />
      {manifests.map((m, j) => {
        const childErrors = errorsAt(errors, [
          'imageStreamImage',
          'image',
          'dockerImageManifests',
          j,
        ]);
        const child = m.image;
        return (
          <div
            className="platform"
            key={m.digest}
            data-platform={`${m.os}/${m.architecture}${m.variant ? `/${m.variant}` : ''}`}
          >
            <h3>
              {m.os}/{m.architecture}
              {m.variant ? `/${m.variant}` : ''} — <code>{shortDigest(m.digest)}</code>
              {child ? <> — total {formatBytes(child.totalLayerSize)}</> : null}
            </h3>
            {childErrors.length > 0 ? (
              <p className="forbidden">{describeErrors(childErrors)}</p>
            ) : null}
            {child?.dockerImageLayers ? (
              <table>
                <thead>
                  <tr>
                    <th>Layer</th>
                    <th>Size</th>
                    <th>Media type</th>
                  </tr>
                </thead>
                <tbody>
                  {child.dockerImageLayers.map((layer, k) => (
                    <tr key={`${layer.name}-${k}`}>
                      <td>
                        <code>{shortDigest(layer.name)}</code>
                      </td>
                      <td>{formatBytes(layer.size)}</td>
                      <td>{layer.mediaType}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : null}
          </div>
        );
      })}
    </div>
  );
}

function ImagePage({ id }: { id: string }) {
  const { data, error, loading } = useQuery(NODE_IMAGE, { variables: { id }, errorPolicy: 'all' });
  const node = data?.node;
  const image = node && node.__typename === 'Image' ? node : undefined;
  return (
    <section>
      <p>
        <a
          href="#"
          onClick={(e) => {
            e.preventDefault();
            window.history.back();
          }}
        >
          ← back
        </a>
      </p>
      <TopError error={error} />
      {loading && !node ? <p>Loading…</p> : null}
      {image ? (
        <div data-testid="image">
          <h1>
            Image <code>{shortDigest(image.digest)}</code>
          </h1>
          <table>
            <tbody>
              <tr>
                <th>Digest</th>
                <td>
                  <Copy text={image.digest} />
                </td>
              </tr>
              <tr>
                <th>Pull spec</th>
                <td>
                  <Copy text={image.dockerImageReference} />
                </td>
              </tr>
              <tr>
                <th>Media type</th>
                <td>{image.dockerImageManifestMediaType}</td>
              </tr>
              <tr>
                <th>Created</th>
                <td>{formatTime(image.metadata.creationTimestamp)}</td>
              </tr>
              <tr>
                <th>Platform</th>
                <td>
                  {image.platform
                    ? `${image.platform.os ?? 'linux'}/${image.platform.architecture}`
                    : image.platforms
                        ?.map(
                          (p) =>
                            `${p.os ?? ''}/${p.architecture}${p.variant ? `/${p.variant}` : ''}`,
                        )
                        .join(', ')}
                </td>
              </tr>
              <tr>
                <th>Layers</th>
                <td>{image.layerCount ?? '—'}</td>
              </tr>
              <tr>
                <th>Total size</th>
                <td data-testid="total-size">{formatBytes(image.totalLayerSize)}</td>
              </tr>
            </tbody>
          </table>
          {image.dockerImageLayers ? (
            <table>
              <thead>
                <tr>
                  <th>Layer</th>
                  <th>Size</th>
                  <th>Media type</th>
                </tr>
              </thead>
              <tbody>
                {image.dockerImageLayers.map((layer, k) => (
                  <tr key={`${layer.name}-${k}`}>
                    <td>
                      <code>{layer.name}</code>
                    </td>
                    <td>{formatBytes(layer.size)}</td>
                    <td>{layer.mediaType}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
