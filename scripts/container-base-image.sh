#!/usr/bin/env bash
# Makes the local Node base image the container e2e test builds the Dockerfile on, with no registry:
#   debootstrap --variant=minbase bookworm from the Debian archive apt already uses on this machine,
#   this machine's `node` and npm copied in (laid out as the official node image has them, under
#   /usr/local), a `node` user (1000), this machine's CA bundle with NODE_EXTRA_CA_CERTS set (npm in
#   the Dockerfile's build stage reaches the registry through it), then `buildah from scratch` +
#   `buildah commit`.
#
# Prints the image reference on stdout (everything else goes to stderr). Cached: the tag carries the
# Node version and a hash of this script, and the build is skipped when podman's storage already has
# that image (storage that survives between runs keeps it; a fresh machine builds it once).
#
# Needs root, debootstrap and buildah (scripts/install-system-deps.sh installs them).
# Usage: bash scripts/container-base-image.sh        (CONTAINERS_CONF etc. are honoured by buildah)
set -euo pipefail

log() { echo "container-base-image: $*" >&2; }

node_bin="$(command -v node)"
node_version="$(node -p 'process.versions.node')"
script_hash="$(sha256sum "${BASH_SOURCE[0]}" | cut -c1-12)"
image="localhost/openshift-image-graphql/node-base:${node_version}-bookworm-${script_hash}"

# One build at a time on this machine (test runs in other work trees may ask at once); a run that
# waited finds the image the other one made.
exec 9>"${TMPDIR:-/tmp}/openshift-image-graphql-node-base.lock"
flock 9

if buildah inspect --type image "$image" >/dev/null 2>&1; then
  log "cached: $image"
  echo "$image"
  exit 0
fi

if [ "$(id -u)" != "0" ]; then
  log "debootstrap and buildah mount need root"
  exit 1
fi

# The Debian mirror apt uses here (deb822 .sources first, then one-line sources.list), so the build
# needs no network apt does not already have.
mirror=""
for f in /etc/apt/sources.list.d/*.sources; do
  [ -f "$f" ] || continue
  mirror="$(awk '/^URIs:/ { for (i = 2; i <= NF; i++) if ($i !~ /security/) { print $i; exit } }' "$f")"
  [ -n "$mirror" ] && break
done
if [ -z "$mirror" ]; then
  mirror="$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null |
    awk '$1 == "deb" && $0 !~ /security/ { for (i = 2; i <= NF; i++) if ($i ~ /^https?:/) { print $i; exit } }')"
fi
mirror="${mirror:-http://deb.debian.org/debian}"

# npm next to node: Debian/NodeSource put it in <prefix>/lib/node_modules/npm.
node_prefix="$(dirname "$(dirname "$(readlink -f "$node_bin")")")"
npm_dir="$node_prefix/lib/node_modules/npm"
if [ ! -f "$npm_dir/bin/npm-cli.js" ]; then
  log "npm not found at $npm_dir (next to $node_bin)"
  exit 1
fi
ca_bundle="${NODE_EXTRA_CA_CERTS:-/etc/ssl/certs/ca-certificates.crt}"
if [ ! -f "$ca_bundle" ]; then
  log "CA bundle not found: $ca_bundle"
  exit 1
fi

started=$(date +%s)
ctr="$(buildah from scratch)"
trap 'buildah rm "$ctr" >/dev/null 2>&1 || true' EXIT
rootfs="$(buildah mount "$ctr")"
log "debootstrap --variant=minbase bookworm from $mirror"
debootstrap --variant=minbase bookworm "$rootfs" "$mirror" >&2

# Slim it as Debian's -slim images do: no package caches, lists, documentation or man pages.
rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/* \
  "$rootfs"/usr/share/doc/* "$rootfs"/usr/share/man/* "$rootfs"/usr/share/info/* \
  "$rootfs"/var/log/* "$rootfs"/var/cache/debconf/*-old "$rootfs"/tmp/*
chmod 1777 "$rootfs/tmp"

install -m 0755 "$node_bin" "$rootfs/usr/local/bin/node"
mkdir -p "$rootfs/usr/local/lib/node_modules"
cp -a "$npm_dir" "$rootfs/usr/local/lib/node_modules/npm"
ln -sf ../lib/node_modules/npm/bin/npm-cli.js "$rootfs/usr/local/bin/npm"
ln -sf ../lib/node_modules/npm/bin/npx-cli.js "$rootfs/usr/local/bin/npx"
mkdir -p "$rootfs/etc/ssl/certs"
install -m 0644 "$ca_bundle" "$rootfs/etc/ssl/certs/ca-certificates.crt"
chroot "$rootfs" groupadd --gid 1000 node
chroot "$rootfs" useradd --uid 1000 --gid node --shell /bin/bash --create-home node

buildah umount "$ctr" >/dev/null
buildah config \
  --env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
  --env NODE_VERSION="$node_version" \
  --env NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt \
  --label org.opencontainers.image.description="Local test base: Debian bookworm minbase + this machine's Node $node_version" \
  --cmd '["node"]' \
  "$ctr"
buildah commit --rm --quiet "$ctr" "$image" >/dev/null
trap - EXIT
log "built $image in $(($(date +%s) - started)) s"
# Older base images (another Node version or an older script) are not used any more. The first
# build has none: grep then selects nothing and exits 1, which is not a failure here.
buildah images --format '{{.Name}}:{{.Tag}}' 2>/dev/null |
  { grep -F "${image%%:*}:" || true; } | { grep -vxF "$image" || true; } |
  while read -r old; do buildah rmi "$old" >/dev/null 2>&1 || true; done
echo "$image"
