/**
 * Builds "every field" selection sets from introspection of the live schema, so that a field added
 * to the schema is selected (and compared) without editing the tests.
 */
import type { Stack } from './stack.js';

/** A type reference as introspection returns it (wrappers nest through `ofType`). */
interface TypeRef {
  readonly kind: string;
  readonly name: string | null;
  readonly ofType: TypeRef | null;
}

interface IntrospectedField {
  readonly name: string;
  readonly description: string | null;
  readonly args: readonly { readonly name: string }[];
  readonly type: TypeRef;
}

interface IntrospectedType {
  readonly name: string;
  readonly kind: string;
  readonly fields: readonly IntrospectedField[] | null;
}

/** The object types of the live schema, by name. */
export type SchemaTypes = ReadonlyMap<string, IntrospectedType>;

/** One selected field, with what the comparator needs to know about it. */
export interface SelectedField {
  /** The type that declares the field. */
  readonly parentType: string;
  readonly name: string;
  /** The named type under the list and non-null wrappers. */
  readonly typeName: string;
  readonly typeKind: 'SCALAR' | 'ENUM' | 'OBJECT';
  readonly isList: boolean;
  /** The description says "Derived": computed by the gateway, not an upstream key. */
  readonly derived: boolean;
  /** Sub-selection of an object field; empty for leaves. */
  readonly children: readonly SelectedField[];
}

/** A selection of every field reachable from a type, minus argument-taking fields and cycles. */
export interface Selection {
  readonly typeName: string;
  readonly fields: readonly SelectedField[];
  /** `Type.field` coordinates left out because they take arguments (asserted separately). */
  readonly withArguments: readonly string[];
  /** `Type.field` coordinates left out where their type already appears twice on the path. */
  readonly cutForCycles: readonly string[];
  /**
   * `Type.field` coordinates left out because they read another upstream resource (an image's
   * stream): not part of the object compared, and tested by the navigation tests.
   */
  readonly toOtherResources: readonly string[];
}

/** Fields that leave the selected resource for another one (see `Selection.toOtherResources`). */
const OTHER_RESOURCE_FIELDS: ReadonlySet<string> = new Set(['ImageStreamImage.imageStream']);

const INTROSPECTION = /* GraphQL */ `
  query EveryField {
    __schema {
      types {
        name
        kind
        fields(includeDeprecated: true) {
          name
          description
          args {
            name
          }
          type {
            ...TypeRef
          }
        }
      }
    }
  }
  fragment TypeRef on __Type {
    kind
    name
    ofType {
      kind
      name
      ofType {
        kind
        name
        ofType {
          kind
          name
        }
      }
    }
  }
`;

/** Introspects the gateway over HTTP (the live schema, not the SDL files). */
export async function introspect(stack: Stack): Promise<SchemaTypes> {
  const result = await stack.query<{ __schema: { types: IntrospectedType[] } }>(INTROSPECTION);
  if (result.errors !== undefined || !result.data) {
    throw new Error(`introspection failed: ${JSON.stringify(result.errors)}`);
  }
  return new Map(result.data.__schema.types.map((type) => [type.name, type]));
}

function unwrap(ref: TypeRef): { name: string; kind: string; isList: boolean } {
  let current: TypeRef | null = ref;
  let isList = false;
  while (current !== null && (current.kind === 'NON_NULL' || current.kind === 'LIST')) {
    if (current.kind === 'LIST') isList = true;
    current = current.ofType;
  }
  if (current?.name === null || current?.name === undefined) {
    throw new Error('introspection returned a type reference without a named type');
  }
  return { name: current.name, kind: current.kind, isList };
}

/** A field counts as derived when its description says so (the schema's documented convention). */
export function isDerived(description: string | null): boolean {
  return description !== null && /\bDerived\b/.test(description);
}

/**
 * Every field of `typeName`, recursively. A field that takes arguments is left out (and listed),
 * and an object field whose type already occurs twice on the path is cut (and listed), so that the
 * recursion `ImageManifest.image -> Image -> dockerImageManifests -> ...` stops after one level of
 * children while every field of the children is still selected.
 */
export function selectEveryField(types: SchemaTypes, typeName: string): Selection {
  const withArguments = new Set<string>();
  const cutForCycles = new Set<string>();
  const toOtherResources = new Set<string>();

  const expand = (name: string, path: readonly string[]): SelectedField[] => {
    const type = types.get(name);
    if (type?.kind !== 'OBJECT' || type.fields === null) {
      throw new Error(`expected an object type, but got: ${name} (${type?.kind ?? 'missing'})`);
    }
    const selected: SelectedField[] = [];
    for (const field of type.fields) {
      const coordinate = `${name}.${field.name}`;
      if (field.args.length > 0) {
        withArguments.add(coordinate);
        continue;
      }
      if (OTHER_RESOURCE_FIELDS.has(coordinate)) {
        toOtherResources.add(coordinate);
        continue;
      }
      const { name: named, kind, isList } = unwrap(field.type);
      if (kind !== 'SCALAR' && kind !== 'ENUM' && kind !== 'OBJECT') {
        // An interface or union needs fragments; fail loudly so the builder gets extended.
        throw new Error(`${coordinate}: unsupported type kind ${kind}`);
      }
      let children: SelectedField[] = [];
      if (kind === 'OBJECT') {
        const onPath = [...path, name].filter((t) => t === named).length;
        if (onPath >= 2) {
          cutForCycles.add(coordinate);
          continue;
        }
        children = expand(named, [...path, name]);
      }
      selected.push({
        parentType: name,
        name: field.name,
        typeName: named,
        typeKind: kind,
        isList,
        derived: isDerived(field.description),
        children,
      });
    }
    return selected;
  };

  const fields = expand(typeName, []);
  return {
    typeName,
    fields,
    withArguments: [...withArguments].sort(),
    cutForCycles: [...cutForCycles].sort(),
    toOtherResources: [...toOtherResources].sort(),
  };
}

/** Prints a selection set body (`a b { c }`) for the fields. */
export function printSelection(fields: readonly SelectedField[]): string {
  return fields
    .map((field) =>
      field.children.length === 0
        ? field.name
        : `${field.name} { ${printSelection(field.children)} }`,
    )
    .join(' ');
}
