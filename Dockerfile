# syntax=docker/dockerfile:1
# openshift-image-graphql gateway image.
#
# Build in-cluster (no local Docker engine needed), see deploy/README.md:
#   oc new-build --binary --strategy=docker --name=gateway
#   oc start-build gateway --from-dir=. --follow
# or locally: docker build -t openshift-image-graphql .
# or with podman/buildah: podman build -t openshift-image-graphql .
# test/e2e/container.test.ts builds and runs it (podman, on a local base image made by
# scripts/container-base-image.sh); test/unit/deploy/manifests.test.ts checks it statically.
#
# Runs under OpenShift's restricted-v2 SCC: any UID, group 0, read-only root filesystem, only /tmp
# writable (an emptyDir in deploy/base/deployment.yaml).

# Pinned by tag; pin by digest too (node:20.20.2-bookworm-slim@sha256:...) for reproducible builds.
# Override for a mirror in disconnected clusters: --build-arg NODE_IMAGE=mirror.example.com/node:...
ARG NODE_IMAGE=docker.io/library/node:20.20.2-bookworm-slim

# ---- build: all dependencies, compile TypeScript to dist/ ------------------------------------------
FROM ${NODE_IMAGE} AS build
WORKDIR /app
# Lockfile first so the dependency layer is cached until package*.json change.
# engine-strict stays off: some yoga transitive packages declare node >=22 but run on 20.
COPY package.json package-lock.json ./
RUN npm ci --engine-strict=false --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

# ---- deps: production dependencies only, pruned of what nothing loads at run time ----------------
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# No production dependency has an install script, so --ignore-scripts costs nothing and runs no
# third-party code at build time. Then the files node never reads are deleted (source maps: node
# reads them only with --enable-source-maps; type declarations; markdown): about 68 MB of 156 MB.
# Licence files stay.
RUN npm ci --omit=dev --ignore-scripts --engine-strict=false --no-audit --no-fund \
        --cache /tmp/npm-cache \
    && rm -rf /tmp/npm-cache \
    && find node_modules -type f \( -name '*.map' -o -name '*.d.ts' -o -name '*.d.mts' \
        -o -name '*.d.cts' -o -name '*.md' -o -name '*.markdown' \) -delete

# ---- runtime: node, production dependencies, dist/ and schema/ only -------------------------------
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
# No passwd entry exists for the arbitrary UID OpenShift assigns; give tools a writable HOME.
ENV HOME=/tmp
# npm, npx and corepack go: nothing runs them at run time (CMD starts node directly), and they are
# the image's largest source of scanner findings. (Their bytes stay in the base image's layer, which
# is shared with every image on that base; only the files are gone from the running container.)
RUN rm -rf /usr/local/lib/node_modules/npm /usr/local/lib/node_modules/corepack \
        /usr/local/bin/npm /usr/local/bin/npx /usr/local/bin/corepack
WORKDIR /app
# package.json: "type": "module" makes node load dist/*.js as ES modules.
COPY package.json ./
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# The server reads schema/*.graphql at run time from <app>/schema/.
COPY schema ./schema
# Files stay root:0 and world-readable, not writable by the arbitrary UID nor by group 0 (which that
# UID is in): the app never writes under /app, and with readOnlyRootFilesystem nothing could. Only
# /tmp (mode 1777, an emptyDir in the pod) is writable. test/e2e/container.test.ts checks all this.
# Any UID works; 1001 is the non-root default for plain `docker run`.
USER 1001
EXPOSE 4000
# Exec form: node is PID 1 and receives SIGTERM itself; the gateway drains in-flight requests for
# SHUTDOWN_GRACE_MS and exits. Not `npm start`: npm would be PID 1 and `prestart` would rebuild.
# No tini: the process spawns no children to reap, and Node handles SIGTERM/SIGINT explicitly.
# No HEALTHCHECK: OpenShift uses the Deployment's probes (/healthz, /readyz) and ignores it.
CMD ["node", "dist/main.js"]
