import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client'

/**
 * This process's Prometheus registry (`GET /metrics`). Counters and histograms count what this
 * process did; the gauges are read from Postgres at scrape time (gauges.ts), so every process reports
 * the same, true figure for global state. Metric names are documented in README "Operating it".
 */
export const registry = new Registry()
collectDefaultMetrics({ register: registry, prefix: 'bindery_' })

const registers = [registry]

export const webflowRequests = new Counter({
  name: 'bindery_webflow_requests_total',
  help: 'Calls to the Webflow Data API by route (the client call) and HTTP status (0: no answer)',
  labelNames: ['route', 'status'] as const,
  registers,
})

export const rateWait = new Histogram({
  name: 'bindery_webflow_rate_wait_seconds',
  help: "Time a Webflow call waited for its token's rate budget",
  buckets: [0.001, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
  registers,
})

/** Seconds; shared with the minute samples so their p95 is computed on the same buckets. */
export const LATENCY_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300, 900, 3600]

export const syncLatency = new Histogram({
  name: 'bindery_sync_latency_seconds',
  help: 'push: hub write to Webflow confirmed; pull: webhook received to hub applied',
  labelNames: ['direction'] as const,
  buckets: LATENCY_BUCKETS,
  registers,
})

export const webhookDeliveries = new Counter({
  name: 'bindery_webhook_deliveries_total',
  help: 'Webflow webhook deliveries by outcome (accepted, duplicate, ignored, rejected, unavailable)',
  labelNames: ['outcome'] as const,
  registers,
})

export const itemsPushed = new Counter({
  name: 'bindery_items_pushed_total',
  help: 'Hub items written to Webflow (created, updated or deleted) by pushes',
  registers,
})

export const itemsPulled = new Counter({
  name: 'bindery_items_pulled_total',
  help: 'Webflow item changes applied to the hub from webhook deliveries',
  registers,
})

export const driftItems = new Counter({
  name: 'bindery_drift_items_total',
  help: 'Items reconcile found differing, by drift class and whether it repaired them',
  labelNames: ['class', 'repaired'] as const,
  registers,
})

export const queueDepth = new Gauge({
  name: 'bindery_queue_depth',
  help: 'Jobs waiting (queued or waiting for a retry) per queue, from Postgres',
  labelNames: ['queue'] as const,
  registers,
})

export const inboxPending = new Gauge({
  name: 'bindery_inbox_pending',
  help: 'Webhook deliveries received and not yet applied, from Postgres',
  registers,
})

export const deadLetters = new Gauge({
  name: 'bindery_dead_letters',
  help: 'Jobs in the dead letters, from Postgres',
  registers,
})

export const circuitOpen = new Gauge({
  name: 'bindery_circuit_open',
  help: "1 while a token's circuit breaker is open or half-open (token: the installation id)",
  labelNames: ['token'] as const,
  registers,
})

export const sitePaused = new Gauge({
  name: 'bindery_site_paused',
  help: "1 while a site's kill switch is on",
  labelNames: ['site'] as const,
  registers,
})

export const tokenRejected = new Gauge({
  name: 'bindery_installation_needs_reinstall',
  help: "1 while Webflow refuses an installation's token (401/403); its sites' work is held",
  labelNames: ['installation'] as const,
  registers,
})
