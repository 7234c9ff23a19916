/**
 * The real and synthesized examples from the upstream research (copied to
 * test/support/fixtures/upstream/examples), copied into the repo as TypeScript so that `tsc` carries them into `dist/`.
 *
 * Raw manifests are the exact bytes (sha256 of each string equals its digest; a unit test checks
 * it). Objects are stored as the server stores them; key order does not matter here because the
 * simulator re-orders every object into Go struct field order when it serialises.
 *
 * Adaptations (all other values are verbatim):
 * - the openshift-docs 3.x stream `origin-ruby-sample` is moved from the `/oapi` era to
 *   `image.openshift.io/v1` (apiVersion, no selfLink, an empty spec gets `lookupPolicy`) and into
 *   the `demo` namespace; its two history images have no Image objects here, i.e. they were pruned;
 * - the real no-history stream `python` is moved from namespace `images` to `team-b`.
 */

import type { ImageResource, ImageStreamResource } from './types.js';

/** The real Docker manifest list (amd64 + arm64/v8) from openshift-apiserver importer testdata, byte-exact. */
export const UBUNTU_MANIFEST_LIST_RAW =
  '{\n  "manifests": [\n    {\n      "digest": "sha256:ca013ac5c09f9a9f6db8370c1b759a29fe997d64d6591e9a75b71748858f7da0",\n      "mediaType": "application/vnd.docker.distribution.manifest.v2+json",\n      "platform": {\n        "architecture": "amd64",\n        "os": "linux"\n      },\n      "size": 1152\n    },\n    {\n      "digest": "sha256:1a06d68cb9117b52965035a5b0fa4c1470ef892e6062ffedb1af1922952e0950",\n      "mediaType": "application/vnd.docker.distribution.manifest.v2+json",\n      "platform": {\n        "architecture": "arm64",\n        "os": "linux",\n        "variant": "v8"\n      },\n      "size": 1152\n    }\n  ],\n  "mediaType": "application/vnd.docker.distribution.manifest.list.v2+json",\n  "schemaVersion": 2\n}\n';

/** The real linux/amd64 child manifest of the list, byte-exact. */
export const UBUNTU_AMD64_MANIFEST_RAW =
  '{\n   "schemaVersion": 2,\n   "mediaType": "application/vnd.docker.distribution.manifest.v2+json",\n   "config": {\n      "mediaType": "application/vnd.docker.container.image.v1+json",\n      "size": 3409,\n      "digest": "sha256:a2a15febcdf362f6115e801d37b5e60d6faaeedcb9896155e5fe9d754025be12"\n   },\n   "layers": [\n      {\n         "mediaType": "application/vnd.docker.image.rootfs.diff.tar.gzip",\n         "size": 26687415,\n         "digest": "sha256:35c102085707f703de2d9eaad8752d6fe1b8f02b5d2149f1d8357c9cc7fb7d0a"\n      },\n      {\n         "mediaType": "application/vnd.docker.image.rootfs.diff.tar.gzip",\n         "size": 35366,\n         "digest": "sha256:251f5509d51d9e4119d4ffb70d4820f8e2d7dc72ad15df3ebd7cd755539e40fd"\n      },\n      {\n         "mediaType": "application/vnd.docker.image.rootfs.diff.tar.gzip",\n         "size": 848,\n         "digest": "sha256:8e829fe70a46e3ac4334823560e98b257234c23629f19f05460e21a453091e6d"\n      },\n      {\n         "mediaType": "application/vnd.docker.image.rootfs.diff.tar.gzip",\n         "size": 162,\n         "digest": "sha256:6001e1789921cf851f6fb2e5fe05be70f482fe9c2286f66892fe5a3bc404569c"\n      }\n   ]\n}';

/** The real linux/arm64/v8 child manifest of the list, byte-exact. */
export const UBUNTU_ARM64_MANIFEST_RAW =
  '{\n   "schemaVersion": 2,\n   "mediaType": "application/vnd.docker.distribution.manifest.v2+json",\n   "config": {\n      "mediaType": "application/vnd.docker.container.image.v1+json",\n      "size": 3410,\n      "digest": "sha256:eb8f2c2207058e4d8bb3afb85e959ff3f12d3481f3e38611de549a39935b28c4"\n   },\n   "layers": [\n      {\n         "mediaType": "application/vnd.docker.image.rootfs.diff.tar.gzip",\n         "size": 23715438,\n         "digest": "sha256:a18125d87db556d414664aec3d8560a3936f65db805b371c78dfb660e996f7fc"\n      },\n      {\n         "mediaType": "application/vnd.docker.image.rootfs.diff.tar.gzip",\n         "size": 35201,\n         "digest": "sha256:a37f904068bb0560b0463abf84a40f8bd88cad600aac82d965211f6cf091c638"\n      },\n      {\n         "mediaType": "application/vnd.docker.image.rootfs.diff.tar.gzip",\n         "size": 850,\n         "digest": "sha256:df5d94f29b559d3652b2e474947071e136e7fda8f709e4d85298089f1fe0aa61"\n      },\n      {\n         "mediaType": "application/vnd.docker.image.rootfs.diff.tar.gzip",\n         "size": 189,\n         "digest": "sha256:5703ba3a2a584cea34ac80d0882466842edc3ba7887d2cd0520ca52083fcaca9"\n      }\n   ]\n}';

/** The manifest-list Image for the ubuntu list (PreserveOriginal import). */
export const UBUNTU_MANIFEST_LIST_IMAGE: ImageResource = {
  kind: 'Image',
  apiVersion: 'image.openshift.io/v1',
  metadata: {
    name: 'sha256:5020d54ec2de60c4e187128b5a03adda261a7fe78c9c500ffd24ff4af476fb41',
    uid: '6b1f0d0e-3c1a-4a8e-9a51-2f0d3f4c1a00',
    resourceVersion: '480213',
    creationTimestamp: '2024-03-11T09:15:02Z',
  },
  dockerImageReference:
    'docker.io/library/ubuntu@sha256:5020d54ec2de60c4e187128b5a03adda261a7fe78c9c500ffd24ff4af476fb41',
  dockerImageMetadata: {
    kind: 'DockerImage',
    apiVersion: 'image.openshift.io/1.0',
    Id: 'sha256:5020d54ec2de60c4e187128b5a03adda261a7fe78c9c500ffd24ff4af476fb41',
    Created: '2024-03-11T09:15:01Z',
    ContainerConfig: {},
  },
  dockerImageMetadataVersion: '1.0',
  dockerImageManifestMediaType: 'application/vnd.docker.distribution.manifest.list.v2+json',
  dockerImageManifests: [
    {
      digest: 'sha256:ca013ac5c09f9a9f6db8370c1b759a29fe997d64d6591e9a75b71748858f7da0',
      mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
      manifestSize: 1152,
      architecture: 'amd64',
      os: 'linux',
    },
    {
      digest: 'sha256:1a06d68cb9117b52965035a5b0fa4c1470ef892e6062ffedb1af1922952e0950',
      mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
      manifestSize: 1152,
      architecture: 'arm64',
      os: 'linux',
      variant: 'v8',
    },
  ],
};

/** The amd64 child with a trusted and an untrusted signature (resourceVersion bumped by the signature update). */
export const UBUNTU_AMD64_SIGNED_IMAGE: ImageResource = {
  kind: 'Image',
  apiVersion: 'image.openshift.io/v1',
  metadata: {
    name: 'sha256:ca013ac5c09f9a9f6db8370c1b759a29fe997d64d6591e9a75b71748858f7da0',
    uid: '6b1f0d0e-3c1a-4a8e-9a51-2f0d3f4c1a01',
    resourceVersion: '480391',
    creationTimestamp: '2024-03-11T09:15:02Z',
    annotations: {
      'image.openshift.io/dockerLayersOrder': 'ascending',
    },
  },
  dockerImageReference:
    'docker.io/library/ubuntu@sha256:ca013ac5c09f9a9f6db8370c1b759a29fe997d64d6591e9a75b71748858f7da0',
  dockerImageMetadata: {
    kind: 'DockerImage',
    apiVersion: 'image.openshift.io/1.0',
    Id: 'sha256:a2a15febcdf362f6115e801d37b5e60d6faaeedcb9896155e5fe9d754025be12',
    Created: '2019-08-15T07:28:14Z',
    Container: '41b694b9b42f9c5ef7fb40c24272927a727a6d6cb8120bb3eae5849ceb9bee77',
    ContainerConfig: {
      Hostname: '41b694b9b42f',
      Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'],
      Cmd: ['/bin/sh', '-c', '#(nop) ', 'CMD ["/bin/bash"]'],
      Image: 'sha256:bcbe079849fdbb50b3eb04798547e046bdbc82020b8b780d767cf29f7e60b396',
    },
    DockerVersion: '18.06.1-ce',
    Config: {
      Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'],
      Cmd: ['/bin/bash'],
      Image: 'sha256:bcbe079849fdbb50b3eb04798547e046bdbc82020b8b780d767cf29f7e60b396',
    },
    Architecture: 'amd64',
    Size: 26727200,
  },
  dockerImageMetadataVersion: '1.0',
  dockerImageLayers: [
    {
      name: 'sha256:35c102085707f703de2d9eaad8752d6fe1b8f02b5d2149f1d8357c9cc7fb7d0a',
      size: 26687415,
      mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
    },
    {
      name: 'sha256:251f5509d51d9e4119d4ffb70d4820f8e2d7dc72ad15df3ebd7cd755539e40fd',
      size: 35366,
      mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
    },
    {
      name: 'sha256:8e829fe70a46e3ac4334823560e98b257234c23629f19f05460e21a453091e6d',
      size: 848,
      mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
    },
    {
      name: 'sha256:6001e1789921cf851f6fb2e5fe05be70f482fe9c2286f66892fe5a3bc404569c',
      size: 162,
      mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
    },
  ],
  dockerImageManifestMediaType: 'application/vnd.docker.distribution.manifest.v2+json',
  signatures: [
    {
      metadata: {
        name: 'sha256:ca013ac5c09f9a9f6db8370c1b759a29fe997d64d6591e9a75b71748858f7da0@ac99b2f422bab478d665e9dcf5fd408f4c7da8f7e26bcc89f5e2c65e95f5317e',
        creationTimestamp: '2024-03-11T09:20:00Z',
      },
      type: 'AtomicImageV1',
      content:
        'U1lOVEhFU0laRUQgcGxhY2Vob2xkZXIgZm9yIGFuIEF0b21pY0ltYWdlVjEgKEdQRy1zaWduZWQgSlNPTikgYmxvYiAjMSAtLSBub3QgYSByZWFsIHNpZ25hdHVyZQ==',
      conditions: [
        {
          type: 'Trusted',
          status: 'True',
          lastProbeTime: '2024-03-12T10:00:00Z',
          lastTransitionTime: '2024-03-12T10:00:00Z',
          reason: 'manually verified',
          message: 'verified by user "kube:admin"',
        },
        {
          type: 'ForImage',
          status: 'True',
          lastProbeTime: '2024-03-12T10:00:00Z',
          lastTransitionTime: '2024-03-12T10:00:00Z',
        },
      ],
      imageIdentity: 'docker.io/library/ubuntu:18.04',
      signedClaims: {
        timestamp: '1710148800',
        'docker-reference': 'docker.io/library/ubuntu:18.04',
        'manifest-digest':
          'sha256:ca013ac5c09f9a9f6db8370c1b759a29fe997d64d6591e9a75b71748858f7da0',
      },
      created: '2024-03-11T09:20:00Z',
      issuedBy: {
        organization: 'Example Corp',
        commonName: 'example-signing-service',
      },
      issuedTo: {
        organization: 'Example Corp',
        commonName: 'release-bot',
        publicKeyID: '0x199e2f91fd431d51',
      },
    },
    {
      metadata: {
        name: 'sha256:ca013ac5c09f9a9f6db8370c1b759a29fe997d64d6591e9a75b71748858f7da0@a7b5a1eb72257553b96d5283c268d0210cfa3f2dd9ea95ade26c0ac1a1898f66',
        creationTimestamp: '2024-03-11T09:20:00Z',
      },
      type: 'AtomicImageV1',
      content:
        'U1lOVEhFU0laRUQgcGxhY2Vob2xkZXIgZm9yIGFuIEF0b21pY0ltYWdlVjEgKEdQRy1zaWduZWQgSlNPTikgYmxvYiAjMiAtLSBub3QgYSByZWFsIHNpZ25hdHVyZQ==',
    },
  ],
};

/** The arm64/v8 child: in no tag history, reachable only through the list. */
export const UBUNTU_ARM64_IMAGE: ImageResource = {
  kind: 'Image',
  apiVersion: 'image.openshift.io/v1',
  metadata: {
    name: 'sha256:1a06d68cb9117b52965035a5b0fa4c1470ef892e6062ffedb1af1922952e0950',
    uid: '6b1f0d0e-3c1a-4a8e-9a51-2f0d3f4c1a02',
    resourceVersion: '480212',
    creationTimestamp: '2024-03-11T09:15:02Z',
    annotations: {
      'image.openshift.io/dockerLayersOrder': 'ascending',
    },
  },
  dockerImageReference:
    'docker.io/library/ubuntu@sha256:1a06d68cb9117b52965035a5b0fa4c1470ef892e6062ffedb1af1922952e0950',
  dockerImageMetadata: {
    kind: 'DockerImage',
    apiVersion: 'image.openshift.io/1.0',
    Id: 'sha256:eb8f2c2207058e4d8bb3afb85e959ff3f12d3481f3e38611de549a39935b28c4',
    Created: '2019-08-15T01:31:21Z',
    Container: 'a84edd90fc1e0c341ec170b5a4312ee083a4bc565bc4ee1bd5c43d17bb0316fd',
    ContainerConfig: {
      Hostname: 'a84edd90fc1e',
      Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'],
      Cmd: ['/bin/sh', '-c', '#(nop) ', 'CMD ["/bin/bash"]'],
      Image: 'sha256:92ec0891fbed8717f8a30e89492f2131b07c5156c7aef335a97770423ff7ea7c',
    },
    DockerVersion: '18.06.1-ce',
    Config: {
      Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'],
      Cmd: ['/bin/bash'],
      Image: 'sha256:92ec0891fbed8717f8a30e89492f2131b07c5156c7aef335a97770423ff7ea7c',
    },
    Architecture: 'arm64',
    Size: 23755088,
  },
  dockerImageMetadataVersion: '1.0',
  dockerImageLayers: [
    {
      name: 'sha256:a18125d87db556d414664aec3d8560a3936f65db805b371c78dfb660e996f7fc',
      size: 23715438,
      mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
    },
    {
      name: 'sha256:a37f904068bb0560b0463abf84a40f8bd88cad600aac82d965211f6cf091c638',
      size: 35201,
      mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
    },
    {
      name: 'sha256:df5d94f29b559d3652b2e474947071e136e7fda8f709e4d85298089f1fe0aa61',
      size: 850,
      mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
    },
    {
      name: 'sha256:5703ba3a2a584cea34ac80d0882466842edc3ba7887d2cd0520ca52083fcaca9',
      size: 189,
      mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
    },
  ],
  dockerImageManifestMediaType: 'application/vnd.docker.distribution.manifest.v2+json',
};

/** The environment of the python image: the same in its config and in the container that built it. */
const PYTHON_ENV = [
  'PATH=/usr/local/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
  'LANG=C.UTF-8',
  'GPG_KEY=E3FF2839C048B25C084DEBE9B26995E310250568',
  'PYTHON_VERSION=3.8.12',
  'PYTHON_PIP_VERSION=21.2.4',
  'PYTHON_SETUPTOOLS_VERSION=57.5.0',
  'PYTHON_GET_PIP_URL=https://github.com/pypa/get-pip/raw/3cb8888cc2869620f57d5d2da64da38f516078c7/public/get-pip.py',
  'PYTHON_GET_PIP_SHA256=c518250e91a70d7b20cceb15272209a4ded2a0c263ae5776f129e0d9b5674309',
];

/** python:3.8.12 imported from Docker Hub (community.okd sample): Size = 9 layers + config 8649. */
export const PYTHON_DOCKER_V2_IMAGE: ImageResource = {
  apiVersion: 'image.openshift.io/v1',
  dockerImageLayers: [
    {
      mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
      name: 'sha256:5e0b432e8ba9d9029a000e627840b98ffc1ed0c5172075b7d3e869be0df0fe9b',
      size: 54932878,
    },
    {
      mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
      name: 'sha256:a84cfd68b5cea612a8343c346bfa5bd6c486769010d12f7ec86b23c74887feb2',
      size: 5153424,
    },
    {
      mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
      name: 'sha256:e8b8f2315954535f1e27cd13d777e73da4a787b0aebf4241d225beff3c91cbb1',
      size: 10871995,
    },
    {
      mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
      name: 'sha256:0598fa43a7e793a76c198e8d45d8810394e1cfc943b2673d7fcf5a6fdc4f45b3',
      size: 54567844,
    },
    {
      mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
      name: 'sha256:83098237b6d3febc7584c1f16076a32ac01def85b0d220ab46b6ebb2d6e7d4d4',
      size: 196499409,
    },
    {
      mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
      name: 'sha256:b92c73d4de9a6a8f6b96806a04857ab33cf6674f6411138603471d744f44ef55',
      size: 6290769,
    },
    {
      mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
      name: 'sha256:ef9b6ee59783b84a6ec0c8b109c409411ab7c88fa8c53fb3760b5fde4eb0aa07',
      size: 16812698,
    },
    {
      mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
      name: 'sha256:c1f6285e64066d36477a81a48d3c4f1dc3c03dddec9e72d97da13ba51bca0d68',
      size: 234,
    },
    {
      mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
      name: 'sha256:a0ee7333301245b50eb700f96d9e13220cdc31871ec9d8e7f0ff7f03a17c6fb3',
      size: 2349241,
    },
  ],
  dockerImageManifestMediaType: 'application/vnd.docker.distribution.manifest.v2+json',
  dockerImageMetadata: {
    Architecture: 'amd64',
    Config: {
      Cmd: ['python3'],
      Env: PYTHON_ENV,
      Image: 'sha256:cc3a2931749afa7dede97e32edbbe3e627b275c07bf600ac05bc0dc22ef203de',
    },
    Container: 'b43fcf5052feb037f6d204247d51ac8581d45e50f41c6be2410d94b5c3a3453d',
    ContainerConfig: {
      Cmd: ['/bin/sh', '-c', '#(nop) ', 'CMD ["python3"]'],
      Env: PYTHON_ENV,
      Hostname: 'b43fcf5052fe',
      Image: 'sha256:cc3a2931749afa7dede97e32edbbe3e627b275c07bf600ac05bc0dc22ef203de',
    },
    Created: '2021-12-03T01:53:41Z',
    DockerVersion: '20.10.7',
    Id: 'sha256:f746089c9d02d7126bbe829f788e093853a11a7f0421049267a650d52bbcac37',
    Size: 347487141,
    apiVersion: 'image.openshift.io/1.0',
    kind: 'DockerImage',
  },
  dockerImageMetadataVersion: '1.0',
  dockerImageReference:
    'python@sha256:a874dcabc74ca202b92b826521ff79dede61caca00ceab0b65024e895baceb58',
  kind: 'Image',
  metadata: {
    annotations: {
      'image.openshift.io/dockerLayersOrder': 'ascending',
    },
    creationTimestamp: '2021-12-07T07:55:30Z',
    name: 'sha256:a874dcabc74ca202b92b826521ff79dede61caca00ceab0b65024e895baceb58',
    resourceVersion: '1139214',
    uid: '33be6ab4-af79-4f44-a0fd-4925bd473c1f',
  },
};

/** An OCI image pushed by an OpenShift build (pelorus capture): managed, manifestBlobStored, labels. */
export const OCI_PUSHED_IMAGE: ImageResource = {
  apiVersion: 'image.openshift.io/v1',
  dockerImageLayers: [
    {
      mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip',
      name: 'sha256:8dfe9326f733b815c486432e93e0a97f03e90e7cc35def9511cd1efa7f917f56',
      size: 81522888,
    },
    {
      mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip',
      name: 'sha256:0d875a68bf996a2e45cd381e8eb3c8b1efa6191d8e3f6ec98be685c7e9823815',
      size: 1803,
    },
    {
      mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip',
      name: 'sha256:950c796b5dbc22ecb4f4bd661013c9286715d238a0dbdd9b7ed1406c395086a1',
      size: 17214436,
    },
    {
      mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip',
      name: 'sha256:5f29c45159acfbdb8d8400647590911ce9293454489844644266db3d957ddfbb',
      size: 143050690,
    },
    {
      mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip',
      name: 'sha256:a6c51f156ad5d3bdd55c68736a1e066f7464c95ea3d1ee3a9984f3d1af53f067',
      size: 75125109,
    },
    {
      mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip',
      name: 'sha256:6e4cbbd49293789e8c91c6745aba63e473b71d9aa30b90b6789ef7c83d43b878',
      size: 867,
    },
    {
      mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip',
      name: 'sha256:af1d01dc11eba4dbf74e41ba4c47091bff3138cfeb2b6d10d313c5f86ba9f296',
      size: 916,
    },
    {
      mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip',
      name: 'sha256:6a495049eb0910e808346de1cd0bc93b9e69434a8de81e948ff909fcf70d65e1',
      size: 1049,
    },
  ],
  dockerImageManifestMediaType: 'application/vnd.oci.image.manifest.v1+json',
  dockerImageMetadata: {
    Architecture: 'amd64',
    Config: {
      Cmd: ['/bin/sh', '-c', '/usr/libexec/s2i/run'],
      Entrypoint: ['container-entrypoint'],
      Env: [
        'PATH=/opt/app-root/src/.local/bin/:/opt/app-root/src/bin:/opt/app-root/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
        'container=oci',
        'SUMMARY=Platform for building and running Python 3.8 applications',
        "DESCRIPTION=Python 3.8 available as container is a base platform for building and running various Python 3.8 applications and frameworks. Python is an easy to learn, powerful programming language. It has efficient high-level data structures and a simple but effective approach to object-oriented programming. Python's elegant syntax and dynamic typing, together with its interpreted nature, make it an ideal language for scripting and rapid application development in many areas on most platforms.",
        'STI_SCRIPTS_URL=image:///usr/libexec/s2i',
        'STI_SCRIPTS_PATH=/usr/libexec/s2i',
        'APP_ROOT=/opt/app-root',
        'HOME=/opt/app-root/src',
        'PLATFORM=el8',
        'NODEJS_VER=14',
        'PYTHON_VERSION=3.8',
        'PYTHONUNBUFFERED=1',
        'PYTHONIOENCODING=UTF-8',
        'LC_ALL=en_US.UTF-8',
        'LANG=en_US.UTF-8',
        'CNB_STACK_ID=com.redhat.stacks.ubi8-python-38',
        'CNB_USER_ID=1001',
        'CNB_GROUP_ID=0',
        'PIP_NO_CACHE_DIR=off',
        'BASH_ENV=/opt/app-root/etc/scl_enable',
        'ENV=/opt/app-root/etc/scl_enable',
        'PROMPT_COMMAND=. /opt/app-root/etc/scl_enable',
      ],
      ExposedPorts: {
        '8080/tcp': {},
      },
      Labels: {
        architecture: 'x86_64',
        'build-date': '2022-02-25T22:15:10.175Z',
        'com.redhat.build-host': 'cpt-1002.osbs.prod.upshift.rdu2.redhat.com',
        'com.redhat.component': 'python-38-container',
        'com.redhat.license_terms':
          'https://www.redhat.com/en/about/red-hat-end-user-license-agreements#UBI',
        description:
          "Python 3.8 available as container is a base platform for building and running various Python 3.8 applications and frameworks. Python is an easy to learn, powerful programming language. It has efficient high-level data structures and a simple but effective approach to object-oriented programming. Python's elegant syntax and dynamic typing, together with its interpreted nature, make it an ideal language for scripting and rapid application development in many areas on most platforms.",
        'distribution-scope': 'public',
        'io.buildah.version': '1.21.4',
        'io.buildpacks.stack.id': 'com.redhat.stacks.ubi8-python-38',
        'io.k8s.description':
          "Python 3.8 available as container is a base platform for building and running various Python 3.8 applications and frameworks. Python is an easy to learn, powerful programming language. It has efficient high-level data structures and a simple but effective approach to object-oriented programming. Python's elegant syntax and dynamic typing, together with its interpreted nature, make it an ideal language for scripting and rapid application development in many areas on most platforms.",
        'io.k8s.display-name': 'Python 3.8',
        'io.openshift.expose-services': '8080:http',
        'io.openshift.s2i.build.image':
          'image-registry.openshift-image-registry.svc:5000/openshift/python:3.8-ubi8',
        'io.openshift.s2i.build.source-location': 'demo/python-example',
        'io.openshift.s2i.scripts-url': 'image:///usr/libexec/s2i',
        'io.openshift.tags': 'builder,python,python38,python-38,rh-python38',
        'io.s2i.scripts-url': 'image:///usr/libexec/s2i',
        maintainer: 'SoftwareCollections.org <sclorg@redhat.com>',
        name: 'ubi8/python-38',
        release: '80.1645821300',
        summary: 'Platform for building and running Python 3.8 applications',
        url: 'https://access.redhat.com/containers/#/registry.access.redhat.com/ubi8/python-38/images/1-80.1645821300',
        usage:
          's2i build https://github.com/sclorg/s2i-python-container.git --context-dir=3.8/test/setup-test-app/ ubi8/python-38 python-sample-app',
        'vcs-ref': 'a42d712a71400035853b25d40f54b5bc3ebf84ec',
        'vcs-type': 'git',
        vendor: 'Red Hat, Inc.',
        version: '1',
      },
      User: '1001',
      WorkingDir: '/opt/app-root/src',
    },
    ContainerConfig: {},
    Created: '2022-08-23T15:46:59Z',
    Id: 'sha256:bc89df5befb9651496516ab927f0cf7b6688f0634f8037197c849266af9733fc',
    Size: 316923595,
    apiVersion: 'image.openshift.io/1.0',
    kind: 'DockerImage',
  },
  dockerImageMetadataVersion: '1.0',
  dockerImageReference:
    'image-registry.openshift-image-registry.svc:5000/basic-python-tekton/basic-python-tekton@sha256:210578ab5cf3d0286f9c0140d2d81b47d7ff02dd1d2860b6701dc36c1b3e08e4',
  kind: 'Image',
  metadata: {
    annotations: {
      'image.openshift.io/dockerLayersOrder': 'ascending',
      'image.openshift.io/manifestBlobStored': 'true',
      'io.openshift.build.commit.id': '16ef25d531ce169f5ae36990ef7b050920d2a395',
      'io.openshift.build.source-location': 'https://github.com/kevinmgranger/pelorus',
      'openshift.io/image.managed': 'true',
    },
    creationTimestamp: '2022-08-23T15:47:04Z',
    labels: {
      'app.kubernetes.io/name': 'basic-python-tekton',
    },
    name: 'sha256:210578ab5cf3d0286f9c0140d2d81b47d7ff02dd1d2860b6701dc36c1b3e08e4',
    resourceVersion: '25493722',
    uid: '78cdae6e-fed5-4070-9cec-70bf9a7ea569',
  },
};

/**
 * The last import of ubuntu:18.04 (generation 3): the newest event of `18.04`, and the only one of
 * `latest`, which tracks it (the server records the same event in both histories).
 */
const UBUNTU_1804_IMPORT = {
  created: '2024-03-11T09:15:02Z',
  dockerImageReference:
    'docker.io/library/ubuntu@sha256:5020d54ec2de60c4e187128b5a03adda261a7fe78c9c500ffd24ff4af476fb41',
  image: 'sha256:5020d54ec2de60c4e187128b5a03adda261a7fe78c9c500ffd24ff4af476fb41',
  generation: 3,
};

/** Stream demo/ubuntu: 18.04 (list, then an older amd64 import), broken (failed import), latest (Local). */
export const UBUNTU_STREAM: ImageStreamResource = {
  kind: 'ImageStream',
  apiVersion: 'image.openshift.io/v1',
  metadata: {
    name: 'ubuntu',
    namespace: 'demo',
    uid: '2f6c7a1e-8f0e-4d7b-b0a4-0e5f8f3b9c11',
    resourceVersion: '480220',
    generation: 3,
    creationTimestamp: '2024-03-10T08:00:00Z',
    annotations: {
      'openshift.io/image.dockerRepositoryCheck': '2024-03-11T09:15:02Z',
    },
  },
  spec: {
    lookupPolicy: {
      local: false,
    },
    tags: [
      {
        name: '18.04',
        annotations: null,
        from: {
          kind: 'DockerImage',
          name: 'docker.io/library/ubuntu:18.04',
        },
        generation: 3,
        importPolicy: {
          importMode: 'PreserveOriginal',
        },
        referencePolicy: {
          type: 'Source',
        },
      },
      {
        name: 'broken',
        annotations: null,
        from: {
          kind: 'DockerImage',
          name: 'docker.io/library/does-not-exist:1',
        },
        generation: 2,
        importPolicy: {
          importMode: 'Legacy',
        },
        referencePolicy: {
          type: 'Source',
        },
      },
      {
        name: 'latest',
        annotations: {
          description: 'tracks 18.04',
        },
        from: {
          kind: 'ImageStreamTag',
          name: '18.04',
        },
        generation: 3,
        importPolicy: {
          importMode: 'Legacy',
        },
        referencePolicy: {
          type: 'Local',
        },
      },
    ],
  },
  status: {
    dockerImageRepository: 'image-registry.openshift-image-registry.svc:5000/demo/ubuntu',
    publicDockerImageRepository:
      'default-route-openshift-image-registry.apps.example.com/demo/ubuntu',
    tags: [
      {
        tag: '18.04',
        items: [
          UBUNTU_1804_IMPORT,
          {
            created: '2024-03-10T08:00:05Z',
            dockerImageReference:
              'docker.io/library/ubuntu@sha256:ca013ac5c09f9a9f6db8370c1b759a29fe997d64d6591e9a75b71748858f7da0',
            image: 'sha256:ca013ac5c09f9a9f6db8370c1b759a29fe997d64d6591e9a75b71748858f7da0',
            generation: 1,
          },
        ],
      },
      {
        tag: 'broken',
        items: null,
        conditions: [
          {
            type: 'ImportSuccess',
            status: 'False',
            lastTransitionTime: '2024-03-10T08:30:00Z',
            reason: 'NotFound',
            message:
              'dockerimage.image.openshift.io "docker.io/library/does-not-exist:1" not found',
            generation: 2,
          },
        ],
      },
      {
        tag: 'latest',
        items: [UBUNTU_1804_IMPORT],
      },
    ],
  },
};

/** Stream team-b/python: a spec tag and no status history (after pruning). */
export const PYTHON_NO_HISTORY_STREAM: ImageStreamResource = {
  apiVersion: 'image.openshift.io/v1',
  kind: 'ImageStream',
  metadata: {
    annotations: {
      'openshift.io/image.dockerRepositoryCheck': '2021-12-07T07:55:30Z',
    },
    creationTimestamp: '2021-12-07T07:55:30Z',
    generation: 1,
    name: 'python',
    namespace: 'team-b',
    resourceVersion: '1139215',
    uid: '443bad2c-9fd4-4c8f-8a24-3eca4426b07f',
  },
  spec: {
    lookupPolicy: {
      local: false,
    },
    tags: [
      {
        annotations: null,
        from: {
          kind: 'DockerImage',
          name: 'python:3.8.12',
        },
        generation: 1,
        importPolicy: {
          insecure: true,
        },
        name: '3.8.12',
        referencePolicy: {
          type: 'Source',
        },
      },
    ],
  },
  status: {
    dockerImageRepository: 'image-registry.openshift-image-registry.svc:5000/team-b/python',
    publicDockerImageRepository:
      'default-route-openshift-image-registry.apps-crc.testing/team-b/python',
    tags: [],
  },
};

/** Stream demo/origin-ruby-sample (openshift-docs): two history items whose Image objects were pruned. */
export const RUBY_SAMPLE_STREAM: ImageStreamResource = {
  apiVersion: 'image.openshift.io/v1',
  kind: 'ImageStream',
  metadata: {
    annotations: {
      'openshift.io/generated-by': 'OpenShiftNewApp',
    },
    creationTimestamp: '2016-01-29T13:33:49Z',
    generation: 1,
    labels: {
      app: 'ruby-sample-build',
      template: 'application-template-stibuild',
    },
    name: 'origin-ruby-sample',
    namespace: 'demo',
    resourceVersion: '633',
    uid: 'ee2b9405-c68c-11e5-8a99-525400f25e34',
  },
  spec: {
    lookupPolicy: {
      local: false,
    },
  },
  status: {
    dockerImageRepository: '172.30.56.218:5000/test/origin-ruby-sample',
    tags: [
      {
        items: [
          {
            created: '2016-03-02T10:15:09Z',
            dockerImageReference:
              '172.30.56.218:5000/test/origin-ruby-sample@sha256:909de62d1f609a717ec433cc25ca5cf00941545c83a01fb31527771e1fab3fc5',
            generation: 2,
            image: 'sha256:909de62d1f609a717ec433cc25ca5cf00941545c83a01fb31527771e1fab3fc5',
          },
          {
            created: '2016-01-29T13:40:11Z',
            dockerImageReference:
              '172.30.56.218:5000/test/origin-ruby-sample@sha256:47463d94eb5c049b2d23b03a9530bf944f8f967a0fe79147dd6b9135bf7dd13d',
            generation: 1,
            image: 'sha256:47463d94eb5c049b2d23b03a9530bf944f8f967a0fe79147dd6b9135bf7dd13d',
          },
        ],
        tag: 'latest',
      },
    ],
  },
};
