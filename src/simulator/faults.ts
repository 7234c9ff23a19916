/**
 * Fault injection: infrastructure failures a gateway must survive, byte-exact where the real
 * components answer (`docs/openshift-api.md`, "Errors"; the status fixtures 429-apf-plaintext,
 * 503-aggregator-plaintext, 500-servertimeout-layer-index-not-synced, 500-internal-error).
 */

/** A failure the simulator can answer a request with instead of the real response. */
export type SimulatorFault =
  /** Plain-text 429 of API priority-and-fairness, with `Retry-After` (default 1). */
  | { kind: 'too-many-requests'; retryAfterSeconds?: number }
  /** Plain-text 503 of the kube-aggregator (openshift-apiserver unavailable). */
  | { kind: 'service-unavailable' }
  /** 500 ServerTimeout Status (layer index not synced) with `Retry-After` (default 2). */
  | { kind: 'server-timeout'; retryAfterSeconds?: number }
  /** 500 InternalError Status (`unexpected end of JSON input`). */
  | { kind: 'internal-error' }
  /** Never answers; the socket stays open until the client gives up or the simulator closes. */
  | { kind: 'hang' }
  /** Destroys the socket without answering. */
  | { kind: 'reset' }
  /** Sends the real status and headers with the full Content-Length, half the body, then ends the socket. */
  | { kind: 'truncated' };

/** When to inject a fault. */
export interface FaultRule {
  /** Exact URL path (raw or percent-decoded), or a RegExp tested against the raw path. Default: every path. */
  path?: string | RegExp;
  /** Only this HTTP method. Default: every method. */
  method?: string;
  /** How many matching requests fail. `Infinity` = always. @default 1 */
  times?: number;
  fault: SimulatorFault;
}

interface ActiveRule {
  rule: FaultRule;
  remaining: number;
}

/** The injected faults, consumed in injection order. */
export class FaultTable {
  #rules: ActiveRule[] = [];

  /** Adds a rule after the existing ones. */
  add(rule: FaultRule): void {
    const times = rule.times ?? 1;
    if (!(times > 0)) {
      throw new Error(`fault times must be a positive number or Infinity, but got: ${times}`);
    }
    this.#rules.push({ rule, remaining: times });
  }

  /** Removes every rule. */
  clear(): void {
    this.#rules = [];
  }

  /** The fault for this request, if any; consumes one use of the first matching rule. */
  take(method: string, rawPath: string, decodedPath: string): SimulatorFault | undefined {
    if (this.#rules.length === 0) return undefined;
    for (let i = 0; i < this.#rules.length; i += 1) {
      const active = this.#rules[i];
      if (!active) continue;
      const { rule } = active;
      if (rule.method !== undefined && rule.method !== method) continue;
      if (typeof rule.path === 'string' && rule.path !== rawPath && rule.path !== decodedPath) {
        continue;
      }
      if (rule.path instanceof RegExp) {
        rule.path.lastIndex = 0;
        if (!rule.path.test(rawPath)) continue;
      }
      active.remaining -= 1;
      if (active.remaining <= 0) this.#rules.splice(i, 1);
      return rule.fault;
    }
    return undefined;
  }
}
