#!/usr/bin/env bash
# Builds ./cmd/devproof twice as the Dockerfile does (deploy/build/build.sh),
# from two copies of the source tree at paths of different lengths, each
# with its own build cache, so that only the module cache is shared; prints
# both sha256 and exits 1 if they differ. It first checks that the
# Dockerfile's base images are pinned by digest and that it builds through
# the same build.sh with the Go version go.mod names.
#
#   deploy/build/reproduce.sh                     # the two builds
#   deploy/build/reproduce.sh --against FILE      # and compare with FILE, e.g. /devproof from the image
#
# REPRODUCE_CACHE=DIR keeps the two build caches in DIR/a and DIR/b between
# runs (each build still uses only its own), so that repeated runs rebuild
# only what changed. By default both are new and removed afterwards.
set -euo pipefail
against=
case "${1:-}" in
--against) against=$(realpath "${2:?--against needs a file}") ;;
"") ;;
*) echo "usage: deploy/build/reproduce.sh [--against FILE]" >&2; exit 2 ;;
esac

root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"

fail() { echo "reproduce: error: $*" >&2; exit 1; }

# The Dockerfile: bases pinned, the build through build.sh, the Go version
# go.mod names (the official image sets GOTOOLCHAIN=local, as build.sh does).
gomod=$(awk '$1 == "go" { print $2; exit }' go.mod)
while read -r _ ref _; do
  case "$ref" in
  scratch) ;;
  *@sha256:*)
    [[ "${ref##*@sha256:}" =~ ^[0-9a-f]{64}$ ]] || fail "Dockerfile: FROM $ref: the digest is not 64 hex digits"
    if [[ "$ref" == golang:* || "$ref" == */golang:* ]]; then
      tag=${ref%%@*}
      [ "${tag##*:}" = "$gomod" ] || fail "Dockerfile: FROM $ref: Go ${tag##*:}, but go.mod says go $gomod"
    fi ;;
  *) fail "Dockerfile: FROM $ref is not pinned by digest (name:tag@sha256:…)" ;;
  esac
done < <(grep -Ei '^FROM[[:space:]]' Dockerfile | sed -E 's/--platform=[^ ]+ //')
grep -Eq '^RUN sh deploy/build/build.sh /out/devproof$' Dockerfile || fail "Dockerfile does not build with 'RUN sh deploy/build/build.sh /out/devproof'"
if grep -v '^#' Dockerfile | grep -q 'go build'; then fail "Dockerfile runs go build itself; build.sh holds the flags"; fi
local_go=$(go env GOVERSION)
[ "$local_go" = "go$gomod" ] || echo "reproduce: note: this is $local_go, the image builds with go$gomod: the two builds here can match each other but not the image's" >&2

tmp=$(mktemp -d)
trap 'chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
# Different lengths, so that a path leaking into the binary shifts it.
a=$tmp/a
b=$tmp/a-much-longer-directory-name/and/deeper/source
cache=${REPRODUCE_CACHE:-$tmp/cache}

copy() {
  mkdir -p "$1"
  if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    # Tracked and untracked files, as the docker build context sees them
    # (.gitignore and .dockerignore both leave out .git and node_modules).
    git ls-files -z --cached --others --exclude-standard |
      while IFS= read -r -d '' f; do [ -e "$f" ] && printf '%s\0' "$f"; done |
      tar --null -T - -cf - | tar -xf - -C "$1"
  else
    tar --exclude=.git --exclude=node_modules -cf - . | tar -xf - -C "$1"
  fi
}

build() {
  local src=$1 out=$2 gocache=$3
  copy "$src"
  mkdir -p "$gocache"
  (cd "$src" && GOCACHE=$gocache sh deploy/build/build.sh "$out")
}

start=$SECONDS
build "$a" "$tmp/devproof-a" "$cache/a"
build "$b" "$tmp/devproof-b" "$cache/b"
elapsed=$((SECONDS - start))

sum() { sha256sum "$1" | cut -d' ' -f1; }
ha=$(sum "$tmp/devproof-a")
hb=$(sum "$tmp/devproof-b")
echo "build a  $ha  (in $a)"
echo "build b  $hb  (in $b)"
echo "time     ${elapsed}s for both"
go version -m "$tmp/devproof-a" | grep -Ev '^[[:space:]]+(dep|=>)[[:space:]]' | sed 's/^/         /'
# The first line of go version -m names the file itself.
if go version -m "$tmp/devproof-a" | tail -n +2 | grep -Fq "$tmp"; then
  fail "the build info names the build directory"
fi
if grep -aFq "$a" "$tmp/devproof-a" || grep -aFq "$b" "$tmp/devproof-b"; then
  fail "a binary holds the path of its source tree"
fi
if [ "$ha" != "$hb" ]; then
  diff <(go version -m "$tmp/devproof-a" | tail -n +2) <(go version -m "$tmp/devproof-b" | tail -n +2) >&2 &&
    echo "reproduce: the build info is the same; the first difference:" >&2
  cmp "$tmp/devproof-a" "$tmp/devproof-b" >&2 || true
  fail "the two builds differ"
fi
echo "result   the two builds are identical"
if [ -n "$against" ]; then
  hx=$(sum "$against")
  echo "against  $hx  ($against)"
  if [ "$hx" != "$ha" ]; then
    [ "$local_go" = "go$gomod" ] || echo "reproduce: this is $local_go; build with go$gomod to compare with the image" >&2
    fail "$against differs from the build from source"
  fi
  echo "result   $against is the build from this source"
fi
