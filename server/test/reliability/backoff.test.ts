import { createSimulator } from '@bindery/sim/create-simulator'
import { DEMO, seedDemo } from '@bindery/sim/demo-seed'
import { afterAll, describe, expect, it } from 'vitest'
import { backoffMs, createWebflowClient } from '../../src/webflow/webflow-client'
import { openGate } from '../helpers/open-gate'
import { createTestContext, silentLog } from '../helpers/test-context'

describe('retries', () => {
  it('back off exponentially, with full jitter, capped at 30 s', () => {
    for (let attempt = 1; attempt <= 10; attempt++) {
      const cap = Math.min(30_000, 500 * 2 ** (attempt - 1))
      const samples = Array.from({ length: 200 }, () => backoffMs(attempt))
      expect(Math.min(...samples)).toBeGreaterThanOrEqual(0)
      expect(Math.max(...samples)).toBeLessThan(cap)
      // Jittered: spread over the range, not one fixed delay.
      expect(Math.max(...samples) - Math.min(...samples)).toBeGreaterThan(cap / 2)
      expect(new Set(samples).size).toBeGreaterThan(150)
    }
  })

  it('of a failing Webflow call wait longer each time, then give up', async () => {
    const sim = await createSimulator({ port: 0, rateLimit: 'off' })
    afterAll(() => sim.close())
    seedDemo(sim)
    sim.control.setFaults({ errorRate: 1 })
    const waits: number[] = []
    const wf = createWebflowClient({
      apiUrl: sim.url,
      accessToken: sim.control.siteToken(DEMO.siteId),
      tokenKey: 'k',
      gate: openGate,
      log: silentLog,
      maxAttempts: 4,
      sleep: async (ms) => {
        waits.push(ms)
      },
    })
    await expect(wf.getSite(DEMO.siteId)).rejects.toMatchObject({ status: 500 })
    expect(waits).toHaveLength(3)
    for (const [i, w] of waits.entries()) expect(w).toBeLessThan(500 * 2 ** i)
    expect(sim.control.counters().requests.total).toBe(4)
  })

  describe('of a failing job', async () => {
    const ctx = await createTestContext()

    it('are scheduled by pg-boss further apart each time, with jitter', async () => {
      const linkId = '00000000-0000-4000-8000-000000000001'
      await ctx.boss.send('link-push', { linkId })
      const delays: number[] = []
      for (let i = 0; i < 4; i++) {
        const [job] = await ctx.boss.fetch('link-push')
        await ctx.boss.fail('link-push', job!.id, { message: 'boom' })
        const { rows } = await ctx.db.query<{ delay: number }>(
          `select extract(epoch from start_after - now())::float8 as delay from pgboss.job
           where name = 'link-push' and state = 'retry'`,
        )
        delays.push(rows[0]!.delay)
        await ctx.db.query(
          `update pgboss.job set start_after = now() where name = 'link-push' and state = 'retry'`,
        )
      }
      // retryDelay 2 s, doubled per retry with up to 2x jitter: [2, 4), [4, 8), [8, 16), [16, 32).
      delays.forEach((d, i) => {
        expect(d).toBeGreaterThanOrEqual(2 * 2 ** i - 0.5)
        expect(d).toBeLessThan(4 * 2 ** i + 0.5)
      })
    })
  })
})
