# polar-customers server image. Build: docker build -t polar-customers .
# Run:  docker run -p 127.0.0.1:8000:8000 -v polar-data:/data polar-customers
# (SQLite at /data/polar.db; the first start prints an organization token in the logs.)
# With PostgreSQL: see compose.yaml.

# Build stage: dev dependencies, the TypeScript build and the vendored docs renderer, then the
# server package installed from its own tarball with production dependencies only, exactly as
# `npm install @polar-customers/server` would install it (better-sqlite3 compiles here if npm
# has no prebuilt binary for it).
FROM node:20-bookworm-slim AS build
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN npm ci --no-audit --no-fund && sh packages/server/scripts/install-packed.sh /out

# Runtime stage: Node and the installed package, running as the unprivileged `node` user.
FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8000 \
    POLAR_DATABASE_URL=sqlite:/data/polar.db
WORKDIR /app
COPY --from=build /out/node_modules ./node_modules
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME /data
EXPOSE 8000
HEALTHCHECK --interval=10s --timeout=3s --start-period=15s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/readyz`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["node", "/app/node_modules/@polar-customers/server/bin/polar-customers.js"]
CMD ["serve"]
