#!/bin/sh
# Installs the server as a user of the published package gets it: packs
# @polar-customers/server from this (built) repository and installs the tarball
# with production dependencies only into DEST/node_modules. The Dockerfile's
# build stage runs it, and test/package/docker.test.ts runs it where no Docker
# daemon is available, so the image's steps are exercised on every test run.
#   sh packages/server/scripts/install-packed.sh DEST     (from the repository root)
set -eu
dest="$1"
pack="$(mktemp -d)"
npm pack -w packages/server --ignore-scripts --pack-destination "$pack" >/dev/null
mkdir -p "$dest"
cd "$dest"
[ -f package.json ] || npm init -y >/dev/null
npm install --omit=dev --no-audit --no-fund "$pack"/polar-customers-server-*.tgz
rm -rf "$pack"
