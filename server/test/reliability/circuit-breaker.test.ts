import { createSimulator } from '@bindery/sim/create-simulator'
import { DEMO, seedDemo } from '@bindery/sim/demo-seed'
import { afterAll, describe, expect, it } from 'vitest'
import { createPool } from '../../src/db/pool'
import { CircuitOpenError } from '../../src/webflow/circuit-breaker'
import { PgCircuitBreaker } from '../../src/webflow/pg-circuit-breaker'
import { PgRateGate } from '../../src/webflow/pg-rate-gate'
import { WebflowApiError } from '../../src/webflow/webflow-api-error'
import { createWebflowClient } from '../../src/webflow/webflow-client'
import { silentLog } from '../helpers/test-context'
import { createTestDatabase } from '../helpers/test-database'
import { fakeClock } from './fake-clock'

describe('the circuit breaker of a token', async () => {
  const database = await createTestDatabase()
  const db = createPool(database.url, silentLog, 4)
  afterAll(() => db.end())
  const sim = await createSimulator({ port: 0, rateLimit: 'off' })
  afterAll(() => sim.close())
  seedDemo(sim)
  const clock = fakeClock()
  const breaker = new PgCircuitBreaker(db, { clock: clock.now })
  const client = (tokenKey: string) =>
    createWebflowClient({
      apiUrl: sim.url,
      accessToken: sim.control.siteToken(DEMO.siteId),
      tokenKey,
      gate: new PgRateGate(db),
      breaker,
      log: silentLog,
      sleep: async () => {},
    })
  const requests = () => sim.control.counters().requests.total
  const stateOf = async (key: string) =>
    (await db.query('select state, failures, cooldown_ms from circuit_breakers where token_key = $1', [key]))
      .rows[0]

  it('opens after five failures in a row, then fails fast without calling Webflow', async () => {
    const wf = client('token-a')
    sim.control.setFaults({ errorRate: 1 })
    const before = requests()
    // One call retries five times and meets the open breaker at its sixth attempt.
    await expect(wf.getSite(DEMO.siteId)).rejects.toBeInstanceOf(CircuitOpenError)
    expect(requests() - before).toBe(5)
    expect(await stateOf('token-a')).toMatchObject({ state: 'open', failures: 5, cooldown_ms: 30_000 })
    const err = await wf.listCollections(DEMO.siteId).catch((e) => e)
    expect(err).toBeInstanceOf(CircuitOpenError)
    expect(err).toMatchObject({ statusCode: 503, code: 'circuit_open' })
    expect(requests() - before).toBe(5)
  })

  it('lets one probe through after the cooldown; a failed probe doubles the cooldown', async () => {
    const wf = client('token-a')
    clock.advance(30_000)
    const before = requests()
    const err = await wf.getSite(DEMO.siteId).catch((e) => e)
    // The probe was sent (and failed); the retry met the breaker open again.
    expect(requests() - before).toBe(1)
    expect(err).toBeInstanceOf(CircuitOpenError)
    expect(await stateOf('token-a')).toMatchObject({ state: 'open', cooldown_ms: 60_000 })
    clock.advance(30_000)
    await expect(wf.getSite(DEMO.siteId)).rejects.toBeInstanceOf(CircuitOpenError)
    expect(requests() - before).toBe(1)
  })

  it('closes when a probe succeeds', async () => {
    const wf = client('token-a')
    sim.control.clearFaults()
    clock.advance(30_000)
    await expect(wf.getSite(DEMO.siteId)).resolves.toMatchObject({ id: DEMO.siteId })
    expect(await stateOf('token-a')).toMatchObject({ state: 'closed', failures: 0 })
    await expect(wf.listCollections(DEMO.siteId)).resolves.toBeTruthy()
  })

  it('lets only one caller probe at a time', async () => {
    await db.query(
      `insert into circuit_breakers (token_key, state, failures, open_until, cooldown_ms) values ('token-b', 'open', 5, $1, 30000)`,
      [new Date(clock.now() - 1)],
    )
    const outcomes = await Promise.allSettled(Array.from({ length: 5 }, () => breaker.before('token-b')))
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1)
  })

  it('does not count answers: a 4xx leaves it closed', async () => {
    const wf = client('token-c')
    for (let i = 0; i < 6; i++) {
      await expect(wf.getCollection('000000000000000000000000')).rejects.toBeInstanceOf(WebflowApiError)
    }
    expect((await stateOf('token-c')) ?? { state: 'closed' }).toMatchObject({ state: 'closed' })
  })
})
