# Multi-stage build of 進行管理: the web app (Node), the server (Rust), and a slim runtime image
# holding only the binary (migrations and the seed plan are compiled into it) and the built app.
FROM node:20-bookworm AS web
WORKDIR /src
COPY openapi openapi
COPY frontend/package.json frontend/package-lock.json frontend/
RUN cd frontend && npm ci
COPY frontend frontend
RUN cd frontend && npm run build

FROM rust:1-bookworm AS server
WORKDIR /src
COPY Cargo.toml Cargo.lock ./
COPY backend backend
COPY tests tests
COPY seed seed
RUN cargo build --release --locked -p shinko-api

FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 shinko
COPY --from=server /src/target/release/shinko /usr/local/bin/shinko
COPY --from=web /src/frontend/dist /srv/shinko/web
USER shinko
ENV BIND_ADDR=0.0.0.0:8080 APP_ENV=production STATIC_DIR=/srv/shinko/web
EXPOSE 8080
# Ready = the database answers (GET /readyz). bash's /dev/tcp keeps curl out of the image.
HEALTHCHECK --interval=15s --timeout=5s --start-period=20s --retries=3 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /readyz HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
# Migrations are forward-only and idempotent, so applying them at every start is safe. SIGTERM
# reaches the server (exec), which finishes in-flight requests before it stops.
CMD ["sh", "-c", "shinko migrate && exec shinko serve"]
