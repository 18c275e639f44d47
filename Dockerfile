# Bindery for self-hosters: `docker build -t bindery .`, then see compose.yaml.
# The commands are the repository's own scripts, which CI runs (server/test/prod-build.test.ts).

# Build: the dev install compiles shared and server to dist/ and builds the Designer Extension and
# the support console.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY shared/package.json shared/
COPY sim/package.json sim/
COPY server/package.json server/
COPY extension/package.json extension/
COPY console/package.json console/
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

# Runtime: a production install (no tsx, no compiler, no simulator) and the build output.
FROM node:20-bookworm-slim
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000 DATA_DIR=/app/.data
# A heap cap keeps a process's memory flat: without one V8 sizes the heap from the host's memory and
# collects lazily, so RSS climbs with the work done though nothing is kept (README "Sizing").
ENV NODE_OPTIONS=--max-old-space-size=512
WORKDIR /app
COPY package.json package-lock.json ./
COPY shared/package.json shared/
COPY sim/package.json sim/
COPY server/package.json server/
COPY extension/package.json extension/
COPY console/package.json console/
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/shared/dist shared/dist
COPY --from=build /app/server/dist server/dist
COPY --from=build /app/server/migrations server/migrations
# The support console, served at /console.
COPY --from=build /app/console/dist console/dist
# The runbooks the console shows (GET /admin/api/runbooks).
COPY --from=build /app/docs docs
COPY scripts/start.mjs scripts/
# The extension bundle, to upload to Webflow: docker cp <container>:/app/extension/bundle.zip .
COPY --from=build /app/bundle.zip extension/bundle.zip
RUN mkdir -p .data && chown node:node .data
USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+process.env.PORT+'/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# = npm run start:prod, without npm in between so signals reach the server (graceful shutdown).
CMD ["node", "--conditions=bindery-build", "server/dist/server.js"]
