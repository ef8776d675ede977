# syntax=docker/dockerfile:1
# One image for all seven services; SERVICE picks the one a container runs:
#   docker build -t llmgw:local .
#   docker run --rm -e SERVICE=auth-service -e PORT=3001 -e DATABASE_URL=... llmgw:local
# docker-compose.yml builds it once (target runtime) plus the nginx front end (target nginx).
#
# Stages: base (Node + pnpm) -> deps (all packages) -> build (pnpm build) ; prod-deps (runtime
# packages only) ; runtime (prod-deps + dist, non-root) ; nginx (config + admin UI build).

# Current Node LTS. The code also runs on Node 20.19+, the floor in package.json "engines".
ARG NODE_IMAGE=node:26-trixie-slim
ARG NGINX_IMAGE=nginx:stable-alpine

FROM ${NODE_IMAGE} AS base
# Must match "packageManager" in package.json.
ARG PNPM_VERSION=10.34.8
ENV CI=true \
    HUSKY=0 \
    PNPM_STORE_DIR=/pnpm/store
RUN npm install -g "pnpm@${PNPM_VERSION}" --no-fund --no-audit && npm cache clean --force
WORKDIR /app

# --- every package, for the build ------------------------------------------------------------
FROM base AS deps
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml ./
RUN --mount=type=cache,id=llmgw-pnpm-store,target=/pnpm/store \
    pnpm install --frozen-lockfile --store-dir /pnpm/store

# --- compile apps/ and libs/ to dist/ --------------------------------------------------------
FROM deps AS build
COPY . .
# The admin UI build will join here once apps/configuration-ui exists; until then the nginx
# stage gets an empty directory and serves its built-in "UI not built" page.
RUN pnpm build && mkdir -p apps/configuration-ui/dist

# --- runtime packages only -------------------------------------------------------------------
FROM base AS prod-deps
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml ./
# "prepare" runs husky, a dev dependency that a production install does not have.
RUN --mount=type=cache,id=llmgw-pnpm-store,target=/pnpm/store \
    npm pkg delete scripts.prepare \
    && pnpm install --prod --frozen-lockfile --store-dir /pnpm/store

# --- nginx: the public origin for docker-compose.yml -----------------------------------------
FROM ${NGINX_IMAGE} AS nginx
COPY nginx/nginx.compose.conf /etc/nginx/nginx.conf
COPY --from=build /app/apps/configuration-ui/dist /usr/share/llmgw-ui
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=10s --retries=3 \
    CMD wget -q -O /dev/null http://127.0.0.1:8080/health || exit 1

# --- a service (the default target) ----------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0
WORKDIR /app
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY scripts/services.list scripts/container-healthcheck.cjs ./scripts/
ARG SERVICE=model-gateway
ENV SERVICE=${SERVICE}
USER node
EXPOSE 3000 3001 3002 3003 3004 3005 3006
# Liveness on the container's own PORT (default: the service's port from scripts/services.list);
# docker-compose.yml checks /health/ready instead. node, because slim images have no curl.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
    CMD ["node", "scripts/container-healthcheck.cjs", "live"]
# sh -c so ${SERVICE} expands at run time; exec so node is the process that gets the signals.
CMD ["sh", "-c", "exec node dist/apps/${SERVICE}/src/main.js"]
