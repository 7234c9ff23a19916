/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  fragment ImageFields on Image {\n    id\n    digest\n    dockerImageReference\n    dockerImageManifestMediaType\n    isManifestList\n    layerCount\n    totalLayerSize\n    platform {\n      os\n      architecture\n      variant\n    }\n    dockerImageLayers {\n      name\n      size\n      mediaType\n    }\n  }\n": typeof types.ImageFieldsFragmentDoc,
    "\n  fragment TagRow on ImageStreamTagSummary {\n    id\n    name\n    state\n    lastUpdated\n    pullSpec\n    spec {\n      from {\n        kind\n        name\n        namespace\n      }\n    }\n    importError {\n      message\n      reason\n    }\n    image {\n      id\n      digest\n      isManifestList\n      totalLayerSize\n    }\n  }\n": typeof types.TagRowFragmentDoc,
    "\n  query ManifestListPlatforms($namespace: String!, $name: String!) {\n    imageStreamImage(namespace: $namespace, name: $name) {\n      id\n      image {\n        id\n        dockerImageManifests {\n          digest\n          architecture\n          os\n          variant\n          manifestSize\n          image {\n            ...ImageFields\n          }\n        }\n      }\n    }\n  }\n": typeof types.ManifestListPlatformsDocument,
    "\n  query Streams($namespace: String!, $first: Int, $after: String) {\n    imageStreams(namespace: $namespace, first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          metadata {\n            name\n            namespace\n          }\n          lastUpdated\n          tags {\n            id\n            name\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      remainingItemCount\n    }\n  }\n": typeof types.StreamsDocument,
    "\n  query Stream($namespace: String!, $name: String!) {\n    imageStream(namespace: $namespace, name: $name) {\n      id\n      metadata {\n        name\n        namespace\n      }\n      dockerImageRepository\n      publicDockerImageRepository\n      lastUpdated\n      tags {\n        ...TagRow\n      }\n      timeline(first: 20) {\n        id\n        tag\n        created\n        image\n        pullSpec\n      }\n    }\n  }\n": typeof types.StreamDocument,
    "\n  subscription StreamChanged($namespace: String!, $name: String!) {\n    imageStreamChanged(namespace: $namespace, name: $name) {\n      __typename\n      cursor\n      ... on TagUpdated {\n        tag\n        image\n        previousImage\n      }\n      stream {\n        id\n        lastUpdated\n        tags {\n          ...TagRow\n        }\n        timeline(first: 20) {\n          id\n          tag\n          created\n          image\n          pullSpec\n        }\n      }\n    }\n  }\n": typeof types.StreamChangedDocument,
    "\n  query NodeImage($id: ID!) {\n    node(id: $id) {\n      __typename\n      id\n      ... on Image {\n        ...ImageFields\n        metadata {\n          creationTimestamp\n        }\n        platforms {\n          os\n          architecture\n          variant\n        }\n      }\n    }\n  }\n": typeof types.NodeImageDocument,
};
const documents: Documents = {
    "\n  fragment ImageFields on Image {\n    id\n    digest\n    dockerImageReference\n    dockerImageManifestMediaType\n    isManifestList\n    layerCount\n    totalLayerSize\n    platform {\n      os\n      architecture\n      variant\n    }\n    dockerImageLayers {\n      name\n      size\n      mediaType\n    }\n  }\n": types.ImageFieldsFragmentDoc,
    "\n  fragment TagRow on ImageStreamTagSummary {\n    id\n    name\n    state\n    lastUpdated\n    pullSpec\n    spec {\n      from {\n        kind\n        name\n        namespace\n      }\n    }\n    importError {\n      message\n      reason\n    }\n    image {\n      id\n      digest\n      isManifestList\n      totalLayerSize\n    }\n  }\n": types.TagRowFragmentDoc,
    "\n  query ManifestListPlatforms($namespace: String!, $name: String!) {\n    imageStreamImage(namespace: $namespace, name: $name) {\n      id\n      image {\n        id\n        dockerImageManifests {\n          digest\n          architecture\n          os\n          variant\n          manifestSize\n          image {\n            ...ImageFields\n          }\n        }\n      }\n    }\n  }\n": types.ManifestListPlatformsDocument,
    "\n  query Streams($namespace: String!, $first: Int, $after: String) {\n    imageStreams(namespace: $namespace, first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          metadata {\n            name\n            namespace\n          }\n          lastUpdated\n          tags {\n            id\n            name\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      remainingItemCount\n    }\n  }\n": types.StreamsDocument,
    "\n  query Stream($namespace: String!, $name: String!) {\n    imageStream(namespace: $namespace, name: $name) {\n      id\n      metadata {\n        name\n        namespace\n      }\n      dockerImageRepository\n      publicDockerImageRepository\n      lastUpdated\n      tags {\n        ...TagRow\n      }\n      timeline(first: 20) {\n        id\n        tag\n        created\n        image\n        pullSpec\n      }\n    }\n  }\n": types.StreamDocument,
    "\n  subscription StreamChanged($namespace: String!, $name: String!) {\n    imageStreamChanged(namespace: $namespace, name: $name) {\n      __typename\n      cursor\n      ... on TagUpdated {\n        tag\n        image\n        previousImage\n      }\n      stream {\n        id\n        lastUpdated\n        tags {\n          ...TagRow\n        }\n        timeline(first: 20) {\n          id\n          tag\n          created\n          image\n          pullSpec\n        }\n      }\n    }\n  }\n": types.StreamChangedDocument,
    "\n  query NodeImage($id: ID!) {\n    node(id: $id) {\n      __typename\n      id\n      ... on Image {\n        ...ImageFields\n        metadata {\n          creationTimestamp\n        }\n        platforms {\n          os\n          architecture\n          variant\n        }\n      }\n    }\n  }\n": types.NodeImageDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ImageFields on Image {\n    id\n    digest\n    dockerImageReference\n    dockerImageManifestMediaType\n    isManifestList\n    layerCount\n    totalLayerSize\n    platform {\n      os\n      architecture\n      variant\n    }\n    dockerImageLayers {\n      name\n      size\n      mediaType\n    }\n  }\n"): (typeof documents)["\n  fragment ImageFields on Image {\n    id\n    digest\n    dockerImageReference\n    dockerImageManifestMediaType\n    isManifestList\n    layerCount\n    totalLayerSize\n    platform {\n      os\n      architecture\n      variant\n    }\n    dockerImageLayers {\n      name\n      size\n      mediaType\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment TagRow on ImageStreamTagSummary {\n    id\n    name\n    state\n    lastUpdated\n    pullSpec\n    spec {\n      from {\n        kind\n        name\n        namespace\n      }\n    }\n    importError {\n      message\n      reason\n    }\n    image {\n      id\n      digest\n      isManifestList\n      totalLayerSize\n    }\n  }\n"): (typeof documents)["\n  fragment TagRow on ImageStreamTagSummary {\n    id\n    name\n    state\n    lastUpdated\n    pullSpec\n    spec {\n      from {\n        kind\n        name\n        namespace\n      }\n    }\n    importError {\n      message\n      reason\n    }\n    image {\n      id\n      digest\n      isManifestList\n      totalLayerSize\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ManifestListPlatforms($namespace: String!, $name: String!) {\n    imageStreamImage(namespace: $namespace, name: $name) {\n      id\n      image {\n        id\n        dockerImageManifests {\n          digest\n          architecture\n          os\n          variant\n          manifestSize\n          image {\n            ...ImageFields\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ManifestListPlatforms($namespace: String!, $name: String!) {\n    imageStreamImage(namespace: $namespace, name: $name) {\n      id\n      image {\n        id\n        dockerImageManifests {\n          digest\n          architecture\n          os\n          variant\n          manifestSize\n          image {\n            ...ImageFields\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Streams($namespace: String!, $first: Int, $after: String) {\n    imageStreams(namespace: $namespace, first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          metadata {\n            name\n            namespace\n          }\n          lastUpdated\n          tags {\n            id\n            name\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      remainingItemCount\n    }\n  }\n"): (typeof documents)["\n  query Streams($namespace: String!, $first: Int, $after: String) {\n    imageStreams(namespace: $namespace, first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          metadata {\n            name\n            namespace\n          }\n          lastUpdated\n          tags {\n            id\n            name\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      remainingItemCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Stream($namespace: String!, $name: String!) {\n    imageStream(namespace: $namespace, name: $name) {\n      id\n      metadata {\n        name\n        namespace\n      }\n      dockerImageRepository\n      publicDockerImageRepository\n      lastUpdated\n      tags {\n        ...TagRow\n      }\n      timeline(first: 20) {\n        id\n        tag\n        created\n        image\n        pullSpec\n      }\n    }\n  }\n"): (typeof documents)["\n  query Stream($namespace: String!, $name: String!) {\n    imageStream(namespace: $namespace, name: $name) {\n      id\n      metadata {\n        name\n        namespace\n      }\n      dockerImageRepository\n      publicDockerImageRepository\n      lastUpdated\n      tags {\n        ...TagRow\n      }\n      timeline(first: 20) {\n        id\n        tag\n        created\n        image\n        pullSpec\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription StreamChanged($namespace: String!, $name: String!) {\n    imageStreamChanged(namespace: $namespace, name: $name) {\n      __typename\n      cursor\n      ... on TagUpdated {\n        tag\n        image\n        previousImage\n      }\n      stream {\n        id\n        lastUpdated\n        tags {\n          ...TagRow\n        }\n        timeline(first: 20) {\n          id\n          tag\n          created\n          image\n          pullSpec\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription StreamChanged($namespace: String!, $name: String!) {\n    imageStreamChanged(namespace: $namespace, name: $name) {\n      __typename\n      cursor\n      ... on TagUpdated {\n        tag\n        image\n        previousImage\n      }\n      stream {\n        id\n        lastUpdated\n        tags {\n          ...TagRow\n        }\n        timeline(first: 20) {\n          id\n          tag\n          created\n          image\n          pullSpec\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NodeImage($id: ID!) {\n    node(id: $id) {\n      __typename\n      id\n      ... on Image {\n        ...ImageFields\n        metadata {\n          creationTimestamp\n        }\n        platforms {\n          os\n          architecture\n          variant\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query NodeImage($id: ID!) {\n    node(id: $id) {\n      __typename\n      id\n      ... on Image {\n        ...ImageFields\n        metadata {\n          creationTimestamp\n        }\n        platforms {\n          os\n          architecture\n          variant\n        }\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;