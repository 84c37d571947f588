#!/bin/sh
# Builds the devproof binary the image ships: static, with -tags tee, and
# with nothing in it that depends on where, when or on what it was built.
# The Dockerfile and reproduce.sh both run this file, so their flags
# cannot drift apart. Run it from the source tree's root.
set -eu
out=${1:?usage: deploy/build/build.sh OUTPUT}
# Every setting that reaches the binary is fixed here rather than taken
# from the builder's environment or go env file.
export CGO_ENABLED=0 GOOS=linux GOARCH=amd64 GOAMD64=v1 GOEXPERIMENT= GOFLAGS=-mod=readonly GOTOOLCHAIN=local
exec go build -tags tee -trimpath -buildvcs=false -ldflags='-s -w -buildid=' -o "$out" ./cmd/devproof
