# The image that runs inside the TEE: a static devproof built with -tags tee,
# which leaves out the simulator and every other development stand-in.
FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -tags tee -trimpath -ldflags='-s -w -buildid=' -o /out/devproof ./cmd/devproof

FROM scratch
COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/ca-certificates.crt
COPY --from=build /out/devproof /devproof
USER 65534:65534
ENTRYPOINT ["/devproof"]
