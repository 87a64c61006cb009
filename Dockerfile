# syntax=docker/dockerfile:1
# The Cairn image: one image for the engine (`node bin/cairn.js serve`) and the worker
# (`node bin/cairn.js worker`). The engine runs its TypeScript sources through tsx, which is a
# runtime dependency in package.json ("dependencies", not "devDependencies"): there is no build
# stage, and `npm ci --omit=dev` keeps tsx while leaving out the test and benchmark tooling.

FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8000 \
    DATA_DIR=/var/lib/cairn
WORKDIR /app
# A fixed, unprivileged uid/gid, so a mounted signing key can be owned by it on the host
# (docs/operations.md: chown 10001:10001 secrets/signing.key).
RUN groupadd --system --gid 10001 cairn \
 && useradd --system --uid 10001 --gid cairn --home-dir /nonexistent --no-create-home --shell /usr/sbin/nologin cairn \
 && mkdir -p /var/lib/cairn \
 && chown cairn:cairn /var/lib/cairn \
 && chmod 0700 /var/lib/cairn
COPY --from=deps /app/node_modules ./node_modules
COPY package.json package-lock.json tsconfig.json ./
COPY bin ./bin
COPY src ./src
USER cairn:cairn
VOLUME ["/var/lib/cairn"]
# 8000: the HTTP API (behind the proxy); 9090: Prometheus metrics (scraped inside the network).
EXPOSE 8000 9090
# /health answers 200 when the database answers and the engine is not draining, 503 otherwise.
# The image has no curl: Node's own fetch asks.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || '8000') + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "bin/cairn.js", "serve"]
