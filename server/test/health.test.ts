import { describe, expect, it } from 'vitest'
import { createTestContext } from './helpers/test-context'
import { adminQuery } from './helpers/test-database'

describe('health and errors', async () => {
  const ctx = await createTestContext()

  it('answers /healthz and /readyz', async () => {
    expect((await ctx.app.inject('/healthz')).json()).toEqual({ status: 'ok' })
    const ready = await ctx.app.inject('/readyz')
    expect(ready.statusCode).toBe(200)
    expect(ready.json()).toEqual({ status: 'ready', checks: { postgres: 'up', jobs: 'up' } })
    expect(ready.headers['x-request-id']).toBeTruthy()
  })

  it('answers unknown routes with the error envelope', async () => {
    const res = await ctx.app.inject('/nope')
    expect(res.statusCode).toBe(404)
    expect(res.json()).toEqual({ error: { code: 'not_found', message: 'no route for GET /nope' } })
  })

  it('answers 503 naming what is down while the database is unreachable, then recovers', async () => {
    const name = ctx.database.name
    await adminQuery(`alter database ${name} allow_connections false`)
    await adminQuery('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1', [name])
    try {
      const res = await ctx.app.inject('/readyz')
      expect(res.statusCode).toBe(503)
      expect(res.json()).toEqual({ status: 'unavailable', checks: { postgres: 'down', jobs: 'down' } })
    } finally {
      await adminQuery(`alter database ${name} allow_connections true`)
    }
    await expect.poll(async () => (await ctx.app.inject('/readyz')).statusCode, { timeout: 10_000 }).toBe(200)
  })
})
