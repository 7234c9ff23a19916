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
