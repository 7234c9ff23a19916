/**
 * Label and field selectors as the API server parses them for `list` and `watch`
 * (`docs/lists-and-discovery.md`, "Selectors"): the label grammar and its error texts follow
 * k8s.io/apimachinery `pkg/labels/selector.go`, the field grammar `pkg/fields/selector.go`, and
 * the fields an ImageStream accepts the openshift field-label conversion
 * (`pkg/image/apis/image/fields.go`).
 */

import type { ImageStreamResource } from './types.js';

/** A parse failure; `message` is the text of the server's 400 BadRequest Status. */
export class SelectorError extends Error {}

type LabelOp = 'exists' | '!' | '=' | '==' | '!=' | 'in' | 'notin' | '>' | '<';

interface LabelRequirement {
  key: string;
  op: LabelOp;
  values: string[];
}

/** A parsed label selector; `matches` tests a label map. */
export interface LabelSelector {
  readonly empty: boolean;
  matches(labels: Readonly<Record<string, string>> | null | undefined): boolean;
}

type TokenKind =
  'error' | 'end' | ')' | ',' | '!' | '==' | '=' | '>' | 'id' | 'in' | '<' | '!=' | 'notin' | '(';

const LITERAL_TOKENS: ReadonlyMap<string, TokenKind> = new Map<string, TokenKind>([
  [')', ')'],
  [',', ','],
  ['!', '!'],
  ['==', '=='],
  ['=', '='],
  ['>', '>'],
  ['in', 'in'],
  ['<', '<'],
  ['!=', '!='],
  ['notin', 'notin'],
  ['(', '('],
]);
const BINARY_OPERATORS = ['in', 'notin', '=', '==', '!=', 'gt', 'lt'];

const isWhitespace = (c: string): boolean => c === ' ' || c === '\t' || c === '\r' || c === '\n';
const isSpecial = (c: string): boolean => '=!(),><'.includes(c) && c !== '';

function lex(s: string): { kind: TokenKind; literal: string }[] {
  const out: { kind: TokenKind; literal: string }[] = [];
  let pos = 0;
  for (;;) {
    while (pos < s.length && isWhitespace(s.charAt(pos))) pos += 1;
    if (pos >= s.length) {
      out.push({ kind: 'end', literal: '' });
      return out;
    }
    const c = s.charAt(pos);
    if (isSpecial(c)) {
      let buffer = '';
      let last: { kind: TokenKind; literal: string } | undefined;
      while (pos < s.length && isSpecial(s.charAt(pos))) {
        buffer += s.charAt(pos);
        pos += 1;
        const kind = LITERAL_TOKENS.get(buffer);
        if (kind !== undefined) last = { kind, literal: buffer };
        else if (last) {
          pos -= 1;
          break;
        }
      }
      out.push(last ?? { kind: 'error', literal: `error expected: keyword found '${buffer}'` });
      continue;
    }
    let buffer = '';
    while (pos < s.length && !isSpecial(s.charAt(pos)) && !isWhitespace(s.charAt(pos))) {
      buffer += s.charAt(pos);
      pos += 1;
    }
    out.push({ kind: LITERAL_TOKENS.get(buffer) ?? 'id', literal: buffer });
  }
}

const NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const NAME_MSG =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

/** validation.IsQualifiedName: the messages joined by "; " (empty when valid). */
function qualifiedNameErrors(value: string): string[] {
  const parts = value.split('/');
  let name = value;
  const errs: string[] = [];
  if (parts.length === 2) {
    const prefix = parts[0] ?? '';
    name = parts[1] ?? '';
    if (prefix === '') errs.push('prefix part must be non-empty');
    else {
      if (prefix.length > 253) errs.push('prefix part must be no more than 253 characters');
      if (!DNS1123_SUBDOMAIN.test(prefix)) {
        errs.push(
          "prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
        );
      }
    }
  } else if (parts.length > 2) {
    return [
      "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
    ];
  }
  if (name === '') errs.push('name part must be non-empty');
  else if (name.length > 63) errs.push('name part must be no more than 63 characters');
  if (name !== '' && !NAME_PART.test(name)) errs.push(NAME_MSG);
  return errs;
}

/** Go's %q for the strings selectors contain (printable ASCII). */
const goQuote = (s: string): string => JSON.stringify(s);

/** Parses a label selector as `labels.Parse` does; throws SelectorError with the server's text. */
export function parseLabelSelector(selector: string): LabelSelector {
  const tokens = lex(selector);
  let position = 0;
  const asValue = (t: { kind: TokenKind; literal: string }) =>
    t.kind === 'in' || t.kind === 'notin' ? { ...t, kind: 'id' as TokenKind } : t;
  const lookahead = () => asValue(tokens[position] ?? { kind: 'end', literal: '' });
  const consume = (values = true) => {
    const t = tokens[position] ?? { kind: 'end' as TokenKind, literal: '' };
    position += 1;
    return values ? asValue(t) : t;
  };
  const fail = (message: string): never => {
    throw new SelectorError(message);
  };
  const failRequirement = (message: string): never =>
    fail(`unable to parse requirement: ${message}`);

  const requirement = (): LabelRequirement => {
    let op: LabelOp | undefined;
    let t = consume();
    if (t.kind === '!') {
      op = '!';
      t = consume();
    }
    if (t.kind !== 'id') failRequirement(`found '${t.literal}', expected: identifier`);
    const key = t.literal;
    const keyErrors = qualifiedNameErrors(key);
    if (keyErrors.length > 0) {
      failRequirement(`<nil>: Invalid value: ${goQuote(key)}: ${keyErrors.join('; ')}`);
    }
    const next = lookahead().kind;
    if (next === 'end' || next === ',') return { key, op: op ?? 'exists', values: [] };
    if (op === '!') return { key, op, values: [] };
    const o = consume(false);
    let values: string[];
    switch (o.kind as string) {
      case 'in':
      case 'notin': {
        const open = consume();
        if (open.kind !== '(') failRequirement(`found '${open.literal}' expected: '('`);
        const first = lookahead();
        const set = new Set<string>();
        if (first.kind === ')') {
          consume();
          set.add('');
        } else if (first.kind === 'id' || first.kind === ',') {
          for (;;) {
            const v = consume();
            if (v.kind === 'id') {
              set.add(v.literal);
              const after = lookahead();
              if (after.kind === ',') continue;
              if (after.kind === ')') break;
              failRequirement(`found '${after.literal}', expected: ',' or ')'`);
            } else if (v.kind === ',') {
              if (set.size === 0) set.add('');
              const after = lookahead();
              if (after.kind === ')') {
                set.add('');
                break;
              }
              if (after.kind === ',') {
                consume();
                set.add('');
              }
            } else failRequirement(`found '${v.literal}', expected: ',', or identifier`);
          }
          if (consume().kind !== ')') failRequirement(`found '${first.literal}', expected: ')'`);
        } else failRequirement(`found '${first.literal}', expected: ',', ')' or identifier`);
        values = [...set].sort();
        break;
      }
      case '=':
      case '==':
      case '!=':
      case '>':
      case '<': {
        const after = lookahead();
        if (after.kind === 'end' || after.kind === ',') values = [''];
        else {
          const v = consume();
          if (v.kind !== 'id') failRequirement(`found '${v.literal}', expected: identifier`);
          values = [v.literal];
        }
        break;
      }
      default:
        return failRequirement(`found '${o.literal}', expected: ${BINARY_OPERATORS.join(', ')}`);
    }
    const kind = o.kind as LabelOp;
    if (kind === '>' || kind === '<') {
      if (!/^[-+]?\d+$/.test(values[0] ?? '')) {
        failRequirement(
          `values: Invalid value: ${goQuote(values[0] ?? '')}: for 'Gt', 'Lt' operators, the value must be an integer`,
        );
      }
    } else {
      values.forEach((v, i) => {
        if (v.length > 63 || !LABEL_VALUE.test(v)) {
          failRequirement(
            `values[${i}][${key}]: Invalid value: ${goQuote(v)}: ${
              v.length > 63
                ? 'must be no more than 63 characters'
                : "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"
            }`,
          );
        }
      });
    }
    return { key, op: kind, values };
  };

  const requirements: LabelRequirement[] = [];
  for (;;) {
    const t = lookahead();
    if (t.kind === 'end') break;
    if (t.kind !== 'id' && t.kind !== '!') {
      fail(`found '${t.literal}', expected: !, identifier, or 'end of string'`);
    }
    requirements.push(requirement());
    const sep = consume();
    if (sep.kind === 'end') break;
    if (sep.kind === ',') {
      const n = lookahead();
      if (n.kind !== 'id' && n.kind !== '!') {
        fail(`found '${n.literal}', expected: identifier after ','`);
      }
      continue;
    }
    fail(`found '${sep.literal}', expected: ',' or 'end of string'`);
  }
  return {
    empty: requirements.length === 0,
    matches(labels) {
      const l = labels ?? {};
      return requirements.every((r) => {
        const has = Object.hasOwn(l, r.key);
        const value = has ? l[r.key] : undefined;
        switch (r.op) {
          case 'exists':
            return has;
          case '!':
            return !has;
          case '=':
          case '==':
          case 'in':
            return has && r.values.includes(value ?? '');
          case '!=':
          case 'notin':
            return !has || !r.values.includes(value ?? '');
          case '>':
          case '<': {
            if (!has || !/^[-+]?\d+$/.test(value ?? '')) return false;
            const a = Number(value);
            const b = Number(r.values[0]);
            return r.op === '>' ? a > b : a < b;
          }
        }
      });
    },
  };
}

/** The fields an ImageStream list or watch may select on (openshift fields.go + the defaults). */
const STREAM_FIELDS: Readonly<Record<string, (s: ImageStreamResource) => string>> = {
  'metadata.name': (s) => s.metadata.name ?? '',
  'metadata.namespace': (s) => s.metadata.namespace ?? '',
  'spec.dockerImageRepository': (s) => s.spec.dockerImageRepository ?? '',
  'status.dockerImageRepository': (s) => s.status.dockerImageRepository,
};

/** A parsed field selector over ImageStreams. */
export interface FieldSelector {
  readonly empty: boolean;
  /** The value `metadata.name` must equal, when the selector pins one (used for authorization). */
  readonly name: string | undefined;
  matches(stream: ImageStreamResource): boolean;
}

function unescapeValue(s: string): string {
  if (!/[\\,=]/.test(s)) return s;
  let out = '';
  let inSlash = false;
  for (const c of s) {
    if (inSlash) {
      if (c === '\\' || c === ',' || c === '=') out += c;
      else throw new SelectorError(`invalid field selector: invalid escape sequence: \\${c}`);
      inSlash = false;
      continue;
    }
    if (c === '\\') inSlash = true;
    else if (c === ',' || c === '=') {
      throw new SelectorError(
        `invalid field selector: unescaped character in value: ${c.codePointAt(0) ?? 0}`,
      );
    } else out += c;
  }
  if (inSlash) throw new SelectorError('invalid field selector: invalid escape sequence: \\');
  return out;
}

/**
 * Parses a field selector as `fields.ParseSelector` does, then checks each field against the
 * ImageStream field labels (the server's second step); throws SelectorError with the 400 text.
 */
export function parseStreamFieldSelector(selector: string): FieldSelector {
  const parts: string[] = [];
  if (selector !== '') {
    let start = 0;
    let inSlash = false;
    for (let i = 0; i < selector.length; i += 1) {
      const c = selector.charAt(i);
      if (inSlash) inSlash = false;
      else if (c === '\\') inSlash = true;
      else if (c === ',') {
        parts.push(selector.slice(start, i));
        start = i + 1;
      }
    }
    parts.push(selector.slice(start));
  }
  parts.sort();
  const terms: { field: string; equal: boolean; value: string }[] = [];
  for (const part of parts) {
    if (part === '') continue;
    let found: { field: string; op: string; rhs: string } | undefined;
    for (let i = 0; i < part.length && !found; i += 1) {
      for (const op of ['!=', '==', '=']) {
        if (part.startsWith(op, i)) {
          found = { field: part.slice(0, i), op, rhs: part.slice(i + op.length) };
          break;
        }
      }
    }
    if (!found) {
      throw new SelectorError(`invalid selector: '${selector}'; can't understand '${part}'`);
    }
    terms.push({ field: found.field, equal: found.op !== '!=', value: unescapeValue(found.rhs) });
  }
  for (const term of terms) {
    if (!Object.hasOwn(STREAM_FIELDS, term.field)) {
      throw new SelectorError(
        `${goQuote(term.field)} is not a known field selector: only "metadata.name", "metadata.namespace"`,
      );
    }
  }
  const pinned = terms.filter((t) => t.field === 'metadata.name' && t.equal);
  return {
    empty: terms.length === 0,
    name: pinned.length === 1 ? pinned[0]?.value : undefined,
    matches(stream) {
      return terms.every((t) => {
        const read = STREAM_FIELDS[t.field];
        const actual = read ? read(stream) : '';
        return t.equal ? actual === t.value : actual !== t.value;
      });
    },
  };
}
