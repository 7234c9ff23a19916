#!/usr/bin/env bash
# Installs the Debian packages the test suite needs:
# - headless Chromium for the GraphiQL browser test;
# - kubectl from Debian's kubernetes-client for the simulator's kubectl test
#   (test/integration/simulator/discovery-kubectl.test.ts). When another package already owns
#   /usr/bin/kubectl (e.g. Google Cloud SDK's), the Debian package is unpacked into
#   .cache/kubernetes-client/ in this repository instead of replacing it (test/support/kubectl.ts);
# - podman, buildah, runc, debootstrap (+ netavark and iptables for published ports, uidmap) for the
#   container image test (test/e2e/container.test.ts). runc, not crun: crun refuses this machine's
#   hybrid cgroup layout; the test passes its own containers.conf (test/e2e/support/containers/);
# - redis-server for the shared cache tests (test/integration/redis/: they start their own on a
#   free port, without persistence; it is never run as a service).
# Idempotent: does nothing when they are already there. Needs root (CI and dev machines run as root).
set -euo pipefail

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

missing=()
# Chromium, kubectl and redis-server are required; the container packages are optional without root.
required=0
if ! command -v chromium >/dev/null 2>&1; then
  missing+=(chromium)
  required=1
fi
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
debian_kubectl_dir="$repo/.cache/kubernetes-client"
if ! installed kubernetes-client && [ ! -x "$debian_kubectl_dir/usr/bin/kubectl" ]; then
  if ! command -v kubectl >/dev/null 2>&1; then
    missing+=(kubernetes-client)
    required=1
  else
    # Another kubectl owns the path: unpack Debian's beside it, for the test alone.
    work="$(mktemp -d)"
    (cd "$work" && apt-get download -qq kubernetes-client 2>/dev/null) || {
      echo "could not download Debian's kubernetes-client (apt-get download)" >&2
      rm -rf "$work"
      exit 1
    }
    mkdir -p "$debian_kubectl_dir"
    dpkg-deb -x "$work"/kubernetes-client_*.deb "$debian_kubectl_dir"
    rm -rf "$work"
  fi
fi
for pkg in podman buildah runc debootstrap netavark iptables uidmap; do
  installed "$pkg" || missing+=("$pkg")
done
if ! command -v redis-server >/dev/null 2>&1; then
  missing+=(redis-server)
  required=1
fi
if [ "${#missing[@]}" -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" != "0" ]; then
  echo "missing Debian packages and this is not root: install ${missing[*]}, then re-run." >&2
  # Chromium and kubectl stay required; the container test skips (and says why) when not root.
  if [ "$required" = "1" ]; then
    exit 1
  fi
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
