# The container image of loginlogs: a static binary (CGO_ENABLED=0) on scratch, run as a non-root
# user. `make image` builds the same image without a Docker daemon (internal/image, with
# go-containerregistry); keep USER, WORKDIR, EXPOSE, ENTRYPOINT and CMD here equal to
# internal/image's constants: TestDockerfileMatchesImage compares them.
#
#   docker build -t loginlogs .
#   docker run --rm -p 8080:8080 loginlogs            # the reference server, demo data seeded
#   docker run --rm loginlogs contract --help         # any other verb
FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
# go.mod replaces kin-openapi with this copy (docs/upstream/): its go.mod is part of the graph.
COPY internal/third_party/kin-openapi/go.mod internal/third_party/kin-openapi/go.sum internal/third_party/kin-openapi/
# The modules of the SDK (the Makefile's MODULES), which go.mod replaces with their directories.
COPY gen/ssojet/go.mod gen/ssojet/
COPY internal/jsonstream/go.mod internal/jsonstream/
COPY internal/redact/go.mod internal/redact/
COPY internal/logstream/go.mod internal/logstream/
COPY api/ssojet/go.mod api/ssojet/
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 GOOS=linux go build -trimpath -ldflags '-s -w' -o /out/usr/local/bin/loginlogs ./cmd/loginlogs
RUN mkdir -p /out/etc /out/data /out/tmp && chmod 1777 /out/tmp && \
    printf 'root:x:0:0:root:/root:/sbin/nologin\nloginlogs:x:65532:65532:loginlogs:/data:/sbin/nologin\n' >/out/etc/passwd && \
    printf 'root:x:0:\nloginlogs:x:65532:\n' >/out/etc/group

FROM scratch
ARG VERSION=devel
ARG REVISION=
LABEL org.opencontainers.image.title=loginlogs \
      org.opencontainers.image.source=https://github.com/ssojet-tools/loginlogs \
      org.opencontainers.image.version=$VERSION \
      org.opencontainers.image.revision=$REVISION
COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/ca-certificates.crt
COPY --from=build /out/etc/ /etc/
COPY --from=build /out/tmp/ /tmp/
COPY --from=build --chown=65532:65532 /out/data/ /data/
COPY --from=build /out/usr/ /usr/
ENV PATH=/usr/local/bin
USER 65532:65532
WORKDIR /data
EXPOSE 8080/tcp
ENTRYPOINT ["/usr/local/bin/loginlogs"]
CMD ["serve", "--addr", "0.0.0.0:8080"]
