import { describe, expect, it } from 'vitest'
import { designerSession } from '../helpers/test-context'
import { DEMO, startReconcileWorld } from '../reconcile/reconcile-world'

const METRICS_TOKEN = 'm'.repeat(32)

describe('GET /admin/api/metrics/series', async () => {
  const world = await startReconcileWorld({ METRICS_TOKEN })
  const { ctx } = world

  it('serves the minute samples: counts every process flushed, gauges the sampler read', async () => {
    await world.publishLink('charted', 3)
    await ctx.db.query(`update sites set paused = true where id = $1`, [DEMO.siteId])
    await ctx.boss.send('metrics-sample', {})
    await ctx.drain(['metrics-sample'])
    await ctx.db.query(`update sites set paused = false where id = $1`, [DEMO.siteId])
    const res = await world.admin('GET', '/metrics/series')
    expect(res.statusCode, res.body).toBe(200)
    const s = res.json()
    expect(s.stepSeconds).toBe(60)
    expect(s.at.length).toBeGreaterThanOrEqual(1)
    const total = (name: string) =>
      (s.series[name] as (number | null)[]).reduce<number>((a, b) => a + (b ?? 0), 0)
    expect(total('itemsPushed')).toBe(3)
    expect(total('sitesPaused')).toBe(1)
    expect((s.series.p95PushMs as (number | null)[]).some((v) => v !== null && v >= 0)).toBe(true)
    const empty = await world.admin(
      'GET',
      '/metrics/series?since=2020-01-01T00:00:00Z&until=2020-01-02T00:00:00Z',
    )
    expect(empty.json().at).toEqual([])
  })

  it('refuses no credentials, a designer session, and the metrics-only token', async () => {
    expect((await ctx.app.inject({ url: '/admin/api/metrics/series' })).statusCode).toBe(401)
    const designer = await designerSession(ctx, DEMO.siteId)
    const asDesigner = await ctx.app.inject({
      url: '/admin/api/metrics/series',
      headers: { authorization: `Bearer ${designer}` },
    })
    expect(asDesigner.statusCode).toBe(401)
    const asScraper = await ctx.app.inject({
      url: '/admin/api/metrics/series',
      headers: { authorization: `Bearer ${METRICS_TOKEN}` },
    })
    expect(asScraper.statusCode).toBe(401)
  })

  it('answers bad input with a 400 envelope', async () => {
    for (const q of ['since=yesterday', 'since=2026-12-02T10:00:00Z&until=2026-12-01T10:00:00Z', 'step=5']) {
      const res = await world.admin('GET', `/metrics/series?${q}`)
      expect(res.statusCode, q).toBe(400)
      expect(res.json().error.code).toBe('validation_error')
    }
  })
})
