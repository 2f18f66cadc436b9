# Multi-stage build of the 進行管理 server. The final image holds only the binary (migrations and the
# seed plan are compiled into it) on a slim Debian.
FROM rust:1-bookworm AS build
WORKDIR /src
COPY Cargo.toml Cargo.lock ./
COPY backend backend
COPY tests tests
COPY seed seed
RUN cargo build --release -p shinko-api

FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 shinko
COPY --from=build /src/target/release/shinko /usr/local/bin/shinko
USER shinko
ENV BIND_ADDR=0.0.0.0:8080 APP_ENV=production
EXPOSE 8080
# Migrations are forward-only and idempotent, so applying them at every start is safe.
CMD ["sh", "-c", "shinko migrate && exec shinko serve"]
