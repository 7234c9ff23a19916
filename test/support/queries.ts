/** GraphQL documents shared by the cache and Redis tests. */

/** A manifest list with its children's images. */
export const manifestListQuery = (namespace: string, stream: string, id: string) => `{
  imageStreamImage(namespace: "${namespace}", name: "${stream}@${id}") {
    metadata { name annotations { key value } }
    image {
      digest isManifestList
      signatures { metadata { name } }
      dockerImageManifests {
        digest architecture
        image { digest layerCount dockerImageReference signatures { metadata { name } } }
      }
    }
  }
}`;
