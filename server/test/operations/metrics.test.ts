import pino from 'pino'
import { describe, expect, it } from 'vitest'
import { cipherFor } from '../../src/crypto/cipher-for'
import { cipherContext } from '../../src/crypto/token-cipher'
import { createWebflowClient } from '../../src/webflow/webflow-client'
import { DEMO, startReconcileWorld } from '../reconcile/reconcile-world'
import { metricNames, metricValue } from './prom-text'

const METRICS_TOKEN = 'm'.repeat(32)

describe('GET /metrics', async () => {
  const world = await startReconcileWorld({ METRICS_TOKEN })
  const { ctx } = world
  const scrape = async (token = METRICS_TOKEN) => {
    const res = await ctx.app.inject({ url: '/metrics', headers: { authorization: `Bearer ${token}` } })
    expect(res.statusCode, res.body).toBe(200)
    return res.body
  }

  it('refuses a scrape without the token, or with a wrong one, in the error envelope', async () => {
    const none = await ctx.app.inject({ url: '/metrics' })
    expect(none.statusCode).toBe(401)
    expect(none.json().error.code).toBe('unauthorized')
    const wrong = await ctx.app.inject({
      url: '/metrics',
      headers: { authorization: `Bearer ${'x'.repeat(32)}` },
    })
    expect(wrong.statusCode).toBe(401)
    // A designer's or content key's credential is not a metrics token either.
    const basic = await ctx.app.inject({ url: '/metrics', headers: { authorization: 'Basic abc' } })
    expect(basic.statusCode).toBe(401)
  })

  it('answers METRICS_TOKEN and the admin token with every metric, in Prometheus text', async () => {
    const res = await ctx.app.inject({
      url: '/metrics',
      headers: { authorization: `Bearer ${ctx.config.adminToken}` },
    })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/)
    const names = metricNames(await scrape())
    for (const name of [
      'bindery_webflow_requests_total',
      'bindery_webflow_rate_wait_seconds',
      'bindery_sync_latency_seconds',
      'bindery_queue_depth',
      'bindery_inbox_pending',
      'bindery_webhook_deliveries_total',
      'bindery_items_pushed_total',
      'bindery_items_pulled_total',
      'bindery_drift_items_total',
      'bindery_dead_letters',
      'bindery_circuit_open',
      'bindery_site_paused',
      'bindery_installation_needs_reinstall',
      'bindery_process_cpu_seconds_total',
      'bindery_process_resident_memory_bytes',
    ])
      expect(names, name).toContain(name)
  })

  it('counts a push: items pushed, Webflow requests, push latency', async () => {
    const before = await scrape()
    await world.publishLink('pushed', 4)
    const after = await scrape()
    expect(
      metricValue(after, 'bindery_items_pushed_total') - metricValue(before, 'bindery_items_pushed_total'),
    ).toBe(4)
    const latency = (t: string) => metricValue(t, 'bindery_sync_latency_seconds_count', { direction: 'push' })
    expect(latency(after) - latency(before)).toBe(4)
    const creates = (t: string) =>
      metricValue(t, 'bindery_webflow_requests_total', { route: /^items\.create/, status: /^2/ })
    expect(creates(after) - creates(before)).toBeGreaterThanOrEqual(1)
    expect(metricValue(after, 'bindery_webflow_rate_wait_seconds_count')).toBeGreaterThan(
      metricValue(before, 'bindery_webflow_rate_wait_seconds_count'),
    )
  })

  it('counts a Designer edit pulled through a webhook: delivery accepted, item pulled, pull latency', async () => {
    const { webflowCollectionId } = await world.publishLink('pulled', 2)
    const items = await world.webflow.collections.items.listItems(webflowCollectionId)
    const before = await scrape()
    world.sim.control.designer.updateItem(webflowCollectionId, items.items![0]!.id!, {
      fieldData: { name: 'Renamed in the Designer' },
    })
    await world.settle()
    const after = await scrape()
    const accepted = (t: string) =>
      metricValue(t, 'bindery_webhook_deliveries_total', { outcome: 'accepted' })
    expect(accepted(after) - accepted(before)).toBeGreaterThanOrEqual(1)
    expect(
      metricValue(after, 'bindery_items_pulled_total') - metricValue(before, 'bindery_items_pulled_total'),
    ).toBe(1)
    const latency = (t: string) => metricValue(t, 'bindery_sync_latency_seconds_count', { direction: 'pull' })
    expect(latency(after) - latency(before)).toBe(1)
    // A forged delivery is counted as rejected.
    const forged = await ctx.app.inject({
      method: 'POST',
      url: '/webhooks/webflow',
      headers: {
        'content-type': 'application/json',
        'x-webflow-timestamp': String(Date.now()),
        'x-webflow-signature': 'ab'.repeat(32),
      },
      payload: '{}',
    })
    expect(forged.statusCode).toBe(401)
    const rejected = (t: string) =>
      metricValue(t, 'bindery_webhook_deliveries_total', { outcome: 'rejected' })
    expect(rejected(await scrape()) - rejected(after)).toBe(1)
  })

  it('counts a 429 storm and the time spent waiting for the budget', async () => {
    const { rows } = await ctx.db.query<{ id: string; token_ciphertext: string }>(
      'select id, token_ciphertext from installations',
    )
    const accessToken = cipherFor(ctx.config).decrypt(
      rows[0]!.token_ciphertext,
      cipherContext.installationToken(rows[0]!.id),
    )
    const api = createWebflowClient({
      apiUrl: world.sim.url,
      accessToken,
      tokenKey: 'storm',
      gate: ctx.context.webflow.gate,
      log: pino({ level: 'silent' }),
      maxAttempts: 3,
    })
    const before = await scrape()
    world.sim.control.setFaults({ rate429: 1, retryAfterSeconds: 1 })
    try {
      await expect(api.listSites()).rejects.toMatchObject({ status: 429 })
    } finally {
      world.sim.control.clearFaults()
    }
    const after = await scrape()
    const r429 = (t: string) =>
      metricValue(t, 'bindery_webflow_requests_total', { route: 'sites.list', status: '429' })
    expect(r429(after) - r429(before)).toBe(3)
    // Two of the three calls waited out a one-second Retry-After at the gate.
    const waited =
      metricValue(after, 'bindery_webflow_rate_wait_seconds_sum') -
      metricValue(before, 'bindery_webflow_rate_wait_seconds_sum')
    expect(waited).toBeGreaterThan(1.5)
  })

  it('counts a reconcile that finds and repairs drift, per class', async () => {
    const { linkId, webflowCollectionId } = await world.publishLink('drifting', 3)
    const items = await world.webflow.collections.items.listItems(webflowCollectionId)
    const before = await scrape()
    await world.withWebhooksLost(() => {
      world.sim.control.designer.updateItem(webflowCollectionId, items.items![0]!.id!, {
        fieldData: { name: 'Changed without a webhook' },
      })
    })
    const report = await world.reconcile(linkId)
    expect(report.found.changedInWebflow).toBe(1)
    const after = await scrape()
    const drift = (t: string, repaired: string) =>
      metricValue(t, 'bindery_drift_items_total', { class: 'changedInWebflow', repaired })
    expect(drift(after, 'true') - drift(before, 'true')).toBe(report.repaired.changedInWebflow)
    expect(
      drift(after, 'true') + drift(after, 'false') - drift(before, 'true') - drift(before, 'false'),
    ).toBe(1)
  })

  it('reads global gauges from Postgres at scrape time: paused site, queue depth, dead letters, breakers', async () => {
    const paused = await world.admin('POST', `/sites/${DEMO.siteId}/pause`)
    expect(paused.statusCode).toBe(200)
    await ctx.boss.send('webhooks-check', { siteId: 'queued-for-the-gauge' })
    await ctx.db.query(
      `insert into circuit_breakers (token_key, state, failures) values ('inst-open', 'open', 5)`,
    )
    const text = await scrape()
    expect(metricValue(text, 'bindery_site_paused', { site: DEMO.siteId })).toBe(1)
    expect(metricValue(text, 'bindery_queue_depth', { queue: 'webhooks-check' })).toBeGreaterThanOrEqual(1)
    expect(metricValue(text, 'bindery_circuit_open', { token: 'inst-open' })).toBe(1)
    const { rows } = await ctx.db.query<{ n: number }>(
      `select count(*)::int as n from pgboss.job where name = 'dead-letters' and state < 'active'`,
    )
    expect(metricValue(text, 'bindery_dead_letters')).toBe(rows[0]!.n)
    await world.admin('POST', `/sites/${DEMO.siteId}/resume`)
    await ctx.db.query(`delete from circuit_breakers where token_key = 'inst-open'`)
    await world.settle()
    expect(metricValue(await scrape(), 'bindery_site_paused', { site: DEMO.siteId })).toBe(0)
  })
})
