/**
 * OpenTelemetry tracing, off unless OTEL_EXPORTER_OTLP_ENDPOINT is set: a SERVER span per GraphQL
 * operation and a CLIENT span per upstream HTTP attempt, exported over OTLP/HTTP.
 *
 * Nothing is registered globally (no global tracer provider, context manager or propagator, no
 * auto-instrumentation): the provider belongs to the gateway, and the operation span reaches the
 * upstream client's events through an AsyncLocalStorage of this module. The upstream client knows
 * nothing of OpenTelemetry; it reports attempts through `onEvent`.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import {
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Context,
  type Span,
  type Tracer,
} from '@opentelemetry/api';
import {
  BasicTracerProvider,
  BatchSpanProcessor,
  SimpleSpanProcessor,
  type SpanExporter,
} from '@opentelemetry/sdk-trace-base';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  ATTR_ERROR_TYPE,
  ATTR_HTTP_REQUEST_METHOD,
  ATTR_HTTP_REQUEST_RESEND_COUNT,
  ATTR_HTTP_RESPONSE_STATUS_CODE,
  ATTR_SERVICE_NAME,
} from '@opentelemetry/semantic-conventions';
import { getOperationAST, type DocumentNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { UpstreamEvent } from '../upstream/openshift-client.js';
import type { GatewayConfig } from './config.js';
import { errorCodesOf } from './access-log.js';

/**
 * Attribute names from incubating semantic conventions, copied as the OpenTelemetry docs advise
 * (the incubating entry point may rename them between releases).
 */
export const TRACE_ATTRIBUTES = {
  namespace: 'k8s.namespace.name',
  /** The Kubernetes API resource (plural), e.g. `imagestreamimages`. */
  resource: 'k8s.resource.name',
  apiGroup: 'k8s.api.group',
  operationName: 'graphql.operation.name',
  operationType: 'graphql.operation.type',
  /** All distinct error codes of an operation's result. */
  errorCodes: 'graphql.error.codes',
  requestId: 'gateway.request.id',
} as const;

/** The instrumentation scope of every span. */
export const TRACER_NAME = 'openshift-image-graphql';

/** Tracing of one gateway. */
export interface GatewayTracing {
  /** The yoga plugin that opens a span per operation and makes it the upstream spans' parent. */
  plugin<TContext extends object>(): Plugin<TContext>;
  /** The upstream client's `onEvent`: a span per HTTP attempt made for an operation. */
  readonly onUpstreamEvent: (event: UpstreamEvent) => void;
  /** Exports what is buffered. */
  forceFlush(): Promise<void>;
  /** Exports what is buffered and stops. */
  shutdown(): Promise<void>;
}

/** Options of {@link createTracing}. */
export interface TracingOptions {
  /**
   * Where spans go: an OTLP/HTTP base endpoint (`/v1/traces` is appended unless present), or an
   * exporter (tests: an in-memory one).
   */
  readonly export: { readonly endpoint: string } | { readonly exporter: SpanExporter };
  /** Export each span as it ends instead of in batches (tests). @default false */
  readonly immediate?: boolean;
  /** `service.name` of the resource. @default 'openshift-image-graphql' */
  readonly serviceName?: string;
}

/** The OTLP/HTTP traces URL for an OTEL_EXPORTER_OTLP_ENDPOINT base, as the OTLP spec builds it. */
export function tracesUrl(endpoint: string): string {
  const base = endpoint.replace(/\/+$/, '');
  return base.endsWith('/v1/traces') ? base : `${base}/v1/traces`;
}

/** Tracing from the configuration: undefined (nothing created, nothing installed) without an endpoint. */
export function tracingFromConfig(config: GatewayConfig): GatewayTracing | undefined {
  return config.otlpEndpoint === undefined
    ? undefined
    : createTracing({ export: { endpoint: config.otlpEndpoint } });
}

/** Creates a gateway's tracing with a tracer provider of its own. */
export function createTracing(options: TracingOptions): GatewayTracing {
  const exporter =
    'exporter' in options.export
      ? options.export.exporter
      : new OTLPTraceExporter({ url: tracesUrl(options.export.endpoint) });
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({
      [ATTR_SERVICE_NAME]: options.serviceName ?? 'openshift-image-graphql',
    }),
    spanProcessors: [
      options.immediate === true
        ? new SimpleSpanProcessor(exporter)
        : new BatchSpanProcessor(exporter),
    ],
  });
  const tracer: Tracer = provider.getTracer(TRACER_NAME);
  /** The context of the operation being executed (its span is the parent of upstream spans). */
  const active = new AsyncLocalStorage<Context>();

  const onUpstreamEvent = (event: UpstreamEvent): void => {
    if (event.type !== 'response') return;
    // Only calls made for an operation are traced; the readiness probe is not.
    const parent = active.getStore();
    if (parent === undefined) return;
    const end = Date.now();
    // The access review is the one POST, and the one call outside image.openshift.io.
    const review = event.resource === 'selfsubjectaccessreviews';
    const method = review ? 'POST' : 'GET';
    const attributes: Attributes = {
      [ATTR_HTTP_REQUEST_METHOD]: method,
      [TRACE_ATTRIBUTES.resource]: event.resource,
      [ATTR_HTTP_REQUEST_RESEND_COUNT]: event.retry,
    };
    if (event.resource !== 'readyz') {
      attributes[TRACE_ATTRIBUTES.apiGroup] = review
        ? 'authorization.k8s.io'
        : 'image.openshift.io';
    }
    if (event.namespace !== undefined) attributes[TRACE_ATTRIBUTES.namespace] = event.namespace;
    if (event.status !== undefined) attributes[ATTR_HTTP_RESPONSE_STATUS_CODE] = event.status;
    const errorType =
      event.failure ??
      (event.status !== undefined && event.status >= 400 ? String(event.status) : undefined);
    if (errorType !== undefined) attributes[ATTR_ERROR_TYPE] = errorType;
    const span = tracer.startSpan(
      `${method} ${event.resource}`,
      { kind: SpanKind.CLIENT, startTime: end - event.durationMs, attributes },
      parent,
    );
    if (errorType !== undefined) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end(end);
  };

  return {
    plugin<TContext extends object>(): Plugin<TContext> {
      const spans = new WeakMap<object, Span>();
      return {
        instrumentation: {
          operation: ({ context }, wrapped) => {
            const span = tracer.startSpan('graphql.operation', { kind: SpanKind.SERVER });
            spans.set(context, span);
            return active
              .run(trace.setSpan(ROOT_CONTEXT, span), () => Promise.resolve().then(wrapped))
              .then(
                () => span.end(),
                (error: unknown) => {
                  span.setStatus({ code: SpanStatusCode.ERROR });
                  span.end();
                  throw error;
                },
              );
          },
        },
        onValidate({ context, params }) {
          const span = spans.get(context);
          if (span === undefined) return;
          const { operationName } = (context as { params?: { operationName?: string | null } })
            .params ?? { operationName: undefined };
          const operation = getOperationAST(
            params.documentAST as DocumentNode,
            operationName ?? undefined,
          );
          if (operation === null || operation === undefined) return;
          span.setAttribute(TRACE_ATTRIBUTES.operationType, operation.operation);
          if (operation.name !== undefined) {
            span.setAttribute(TRACE_ATTRIBUTES.operationName, operation.name.value);
            span.updateName(`${operation.operation} ${operation.name.value}`);
          } else span.updateName(operation.operation);
        },
        onExecutionResult({ context, result }) {
          const span = spans.get(context);
          if (span === undefined) return;
          const { requestId } = context as { requestId?: unknown };
          if (typeof requestId === 'string')
            span.setAttribute(TRACE_ATTRIBUTES.requestId, requestId);
          const codes = errorCodesOf(result);
          if (codes.length > 0) {
            span.setAttribute(TRACE_ATTRIBUTES.errorCodes, codes);
            span.setAttribute(ATTR_ERROR_TYPE, codes[0] ?? 'UNKNOWN');
            span.setStatus({ code: SpanStatusCode.ERROR });
          }
        },
      };
    },
    onUpstreamEvent,
    forceFlush: () => provider.forceFlush(),
    shutdown: () => provider.shutdown(),
  };
}
