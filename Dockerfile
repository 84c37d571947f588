# The image that runs inside the TEE: a static devproof built with -tags tee,
# which leaves out the simulator and every other development stand-in.
#
# The builder is pinned by digest, and its Go version is go.mod's (the image
# sets GOTOOLCHAIN=local). To check the digest or move to a newer one:
#   docker buildx imagetools inspect golang:1.26.8
# and take the "Digest:" of the index. deploy/build/reproduce.sh refuses a
# FROM line without a digest, or a Go version other than go.mod's.
FROM golang:1.26.8@sha256:3c3e25a4da13fd0478eed2df1eb35a0e667094a7124d3993a6a1d30f71c17e79 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
# build.sh holds the flags; reproduce.sh runs the same file.
RUN sh deploy/build/build.sh /out/devproof

FROM scratch
COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/ca-certificates.crt
COPY --from=build /out/devproof /devproof
USER 65534:65534
ENTRYPOINT ["/devproof"]
