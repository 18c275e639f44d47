import { createSimulator } from '@bindery/sim/create-simulator'
import { DEMO, seedDemo } from '@bindery/sim/demo-seed'
import { afterAll, describe, expect, it } from 'vitest'
import { createPool } from '../../src/db/pool'
import { BudgetWait, yieldingAfter } from '../../src/webflow/budget-scope'
import { PgRateGate } from '../../src/webflow/pg-rate-gate'
import { createWebflowClient } from '../../src/webflow/webflow-client'
import { silentLog } from '../helpers/test-context'
import { createTestDatabase } from '../helpers/test-database'
import { fakeClock, fastClock } from './fake-clock'

describe('the shared rate budget', async () => {
  const database = await createTestDatabase()
  // Two pools stand for two processes: nothing is shared between them but Postgres.
  const pools = [createPool(database.url, silentLog, 4), createPool(database.url, silentLog, 4)]
  afterAll(() => Promise.all(pools.map((p) => p.end())))

  it('never lets two gates together exceed the limit in any window', async () => {
    const opts = { defaultLimit: 5, windowMs: 1_000, marginMs: 50 }
    const gates = pools.map((p) => new PgRateGate(p, opts))
    const sent: { gate: number; at: number }[] = []
    const early: number[] = []
    await Promise.all(
      Array.from({ length: 24 }, async (_, i) => {
        // The slot the gate granted (Postgres's clock), not when this await returned: a busy event
        // loop may resume several callers late and together, which says nothing about the gate.
        const at = await gates[i % 2]!.acquire('token-a')
        // Same machine, same clock; a millisecond of rounding between the two.
        if (Date.now() < at - 1) early.push(at - Date.now())
        sent.push({ gate: i % 2, at })
      }),
    )
    expect(early).toEqual([])
    sent.sort((a, b) => a.at - b.at)
    for (const s of sent) {
      const inWindow = sent.filter((x) => x.at > s.at - 1_000 && x.at <= s.at)
      expect(inWindow.length).toBeLessThanOrEqual(5)
    }
    // Paced, not refused: 24 sends at 5 a window take at least four more windows.
    expect(sent.at(-1)!.at - sent[0]!.at).toBeGreaterThanOrEqual(4_000)
    // Tickets are handed out in arrival order: both processes get turns all along.
    expect(new Set(sent.slice(0, 10).map((s) => s.gate)).size).toBe(2)
    expect(new Set(sent.slice(-10).map((s) => s.gate)).size).toBe(2)
  })

  it('inside a yielding job, reserves nothing far away and says when the budget allows', async () => {
    const clock = fakeClock()
    const gate = new PgRateGate(pools[0]!, {
      clock: clock.now,
      sleep: clock.sleep,
      marginMs: 0,
      defaultLimit: 2,
    })
    await gate.acquire('token-y')
    await gate.acquire('token-y')
    const refused = await yieldingAfter(5_000, () => gate.acquire('token-y')).catch((e: unknown) => e)
    expect(refused).toBeInstanceOf(BudgetWait)
    expect((refused as BudgetWait).waitMs).toBe(60_000)
    // Nothing was reserved: a caller that waits gets the same slot, the next one a window later.
    await gate.acquire('token-y')
    // A wait within the scope's limit (here a short pause) is taken and waited out.
    await gate.pause('token-y', 3)
    await yieldingAfter(5_000, () => gate.acquire('token-y'))
    expect(clock.sleeps).toEqual([60_000, 3_000])
  })

  it('starts a token at its installation’s introspected limit', async () => {
    const { rows } = await pools[0]!.query<{ id: string }>(
      `insert into installations (token_ciphertext, rate_limit) values ('x', 3) returning id`,
    )
    const clock = fakeClock()
    const gate = new PgRateGate(pools[0]!, { clock: clock.now, sleep: clock.sleep, marginMs: 0 })
    for (let i = 0; i < 4; i++) await gate.acquire(rows[0]!.id)
    expect(clock.sleeps).toEqual([60_000])
  })

  it('takes in calls Webflow counted that it did not see (X-RateLimit-Remaining)', async () => {
    const clock = fakeClock()
    const gate = new PgRateGate(pools[0]!, { clock: clock.now, sleep: clock.sleep, marginMs: 0 })
    // Webflow says 8 of 10 are used although this token has sent nothing through Bindery.
    await gate.observe('token-b', 10, 2)
    await gate.acquire('token-b')
    await gate.acquire('token-b')
    expect(clock.sleeps).toEqual([])
    await gate.acquire('token-b')
    expect(clock.sleeps).toEqual([60_000])
  })

  it('holds every caller of a token for a 429’s Retry-After', async () => {
    const clock = fakeClock()
    const gates = pools.map((p) => new PgRateGate(p, { clock: clock.now, sleep: clock.sleep }))
    await gates[0]!.pause('token-c', 30)
    await gates[1]!.acquire('token-c')
    expect(clock.sleeps).toEqual([30_000])
  })

  it('keeps two clients of one token under the simulator’s limit, with no 429', async () => {
    // A minute lasts three real seconds here; the margin covers the real delays between a slot and
    // the request's arrival (0.75 s real, for a busy machine).
    const clock = fastClock(20)
    const sim = await createSimulator({ port: 0, rateLimit: 5, clock: clock.now })
    afterAll(() => sim.close())
    seedDemo(sim)
    const token = sim.control.siteToken(DEMO.siteId)
    const clients = pools.map((p) =>
      createWebflowClient({
        apiUrl: sim.url,
        accessToken: token,
        tokenKey: 'token-d',
        // The introspected limit, as an installation would have it.
        gate: new PgRateGate(p, { clock: clock.now, sleep: clock.sleep, marginMs: 15_000, defaultLimit: 5 }),
        log: silentLog,
      }),
    )
    const started = clock.now()
    await Promise.all(Array.from({ length: 11 }, (_, i) => clients[i % 2]!.getSite(DEMO.siteId)))
    const counters = sim.control.counters()
    expect(counters.status429).toBe(0)
    expect(counters.requests.total).toBe(11)
    expect(clock.now() - started).toBeGreaterThanOrEqual(2 * 60_000)
  })

  it('corrects itself from Webflow’s headers when another app spends the token', async () => {
    const clock = fakeClock()
    const sim = await createSimulator({ port: 0, rateLimit: 5, clock: clock.now })
    afterAll(() => sim.close())
    seedDemo(sim)
    const token = sim.control.siteToken(DEMO.siteId)
    // Another app on the same token uses 4 of the 5 calls of this minute.
    for (let i = 0; i < 4; i++) {
      await fetch(`${sim.url}/v2/sites/${DEMO.siteId}`, { headers: { authorization: `Bearer ${token}` } })
    }
    const wf = createWebflowClient({
      apiUrl: sim.url,
      accessToken: token,
      tokenKey: 'token-e',
      gate: new PgRateGate(pools[0]!, { clock: clock.now, sleep: clock.sleep, marginMs: 0 }),
      log: silentLog,
    })
    for (let i = 0; i < 3; i++) await wf.getSite(DEMO.siteId)
    expect(sim.control.counters().status429).toBe(0)
    expect(clock.sleeps).toEqual([60_000])
  })

  it('waits out a 429’s Retry-After before sending again', async () => {
    const clock = fakeClock()
    const sim = await createSimulator({ port: 0, rateLimit: 'off', clock: clock.now })
    afterAll(() => sim.close())
    seedDemo(sim)
    sim.control.setFaults({ rate429: 1, retryAfterSeconds: 7 })
    const wf = createWebflowClient({
      apiUrl: sim.url,
      accessToken: sim.control.siteToken(DEMO.siteId),
      tokenKey: 'token-f',
      gate: new PgRateGate(pools[0]!, { clock: clock.now, sleep: clock.sleep }),
      log: silentLog,
      sleep: async () => {
        throw new Error('a 429 waits in the gate, not in the backoff')
      },
    })
    const waiting = wf.getSite(DEMO.siteId)
    // The fault ends while the client waits in the gate.
    const cleared = setInterval(() => clock.sleeps.length && sim.control.clearFaults(), 1)
    await waiting.finally(() => clearInterval(cleared))
    expect(clock.sleeps).toEqual([7_000])
    expect(sim.control.counters()).toMatchObject({ status429: 1, requests: { total: 2 } })
  })
})
