/** Every operation of the app, typed by the codegen client preset (`../generated/`). */
import { graphql } from '../generated/gql';

export const IMAGE_FIELDS = graphql(`
  fragment ImageFields on Image {
    id
    digest
    dockerImageReference
    dockerImageManifestMediaType
    isManifestList
    layerCount
    totalLayerSize
    platform {
      os
      architecture
      variant
    }
    dockerImageLayers {
      name
      size
      mediaType
    }
  }
`);

export const TAG_ROW = graphql(`
  fragment TagRow on ImageStreamTagSummary {
    id
    name
    state
    lastUpdated
    pullSpec
    spec {
      from {
        kind
        name
        namespace
      }
    }
    importError {
      message
      reason
    }
    image {
      id
      digest
      isManifestList
      totalLayerSize
    }
  }
`);

/** A manifest list's platforms, each child with its layers (one GET per child, batched). */
export const MANIFEST_LIST = graphql(`
  query ManifestListPlatforms($namespace: String!, $name: String!) {
    imageStreamImage(namespace: $namespace, name: $name) {
      id
      image {
        id
        dockerImageManifests {
          digest
          architecture
          os
          variant
          manifestSize
          image {
            ...ImageFields
          }
        }
      }
    }
  }
`);

export const STREAMS = graphql(`
  query Streams($namespace: String!, $first: Int, $after: String) {
    imageStreams(namespace: $namespace, first: $first, after: $after) {
      edges {
        cursor
        node {
          id
          metadata {
            name
            namespace
          }
          lastUpdated
          tags {
            id
            name
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
      remainingItemCount
    }
  }
`);

export const STREAM = graphql(`
  query Stream($namespace: String!, $name: String!) {
    imageStream(namespace: $namespace, name: $name) {
      id
      metadata {
        name
        namespace
      }
      dockerImageRepository
      publicDockerImageRepository
      lastUpdated
      tags {
        ...TagRow
      }
      timeline(first: 20) {
        id
        tag
        created
        image
        pullSpec
      }
    }
  }
`);

export const STREAM_CHANGED = graphql(`
  subscription StreamChanged($namespace: String!, $name: String!) {
    imageStreamChanged(namespace: $namespace, name: $name) {
      __typename
      cursor
      ... on TagUpdated {
        tag
        image
        previousImage
      }
      stream {
        id
        lastUpdated
        tags {
          ...TagRow
        }
        timeline(first: 20) {
          id
          tag
          created
          image
          pullSpec
        }
      }
    }
  }
`);

export const NODE_IMAGE = graphql(`
  query NodeImage($id: ID!) {
    node(id: $id) {
      __typename
      id
      ... on Image {
        ...ImageFields
        metadata {
          creationTimestamp
        }
        platforms {
          os
          architecture
          variant
        }
      }
    }
  }
`);
