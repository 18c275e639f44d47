import { describe, expect, it } from 'vitest'
import { adminApi, createTestContext, type TestContext, testConfig } from '../helpers/test-context'
import { startAlertReceiver } from './alert-receiver'

const deadLetter = (ctx: TestContext, i: number) =>
  ctx.boss.send('dead-letters', { linkId: `00000000-0000-4000-8000-00000000000${i}` })

// Runs the check and the deliveries it queued; retries wait in production, here they run now.
async function checkAlerts(ctx: TestContext) {
  await ctx.boss.send('alerts-check', {})
  await ctx.drain(['alerts-check', 'alert-deliver'])
}
async function retryDeliveries(ctx: TestContext) {
  await ctx.db.query(
    `update pgboss.job set start_after = now() where name = 'alert-deliver' and state = 'retry'`,
  )
  await ctx.drain(['alert-deliver'])
}

describe('alerts: dead letters above the threshold', async () => {
  const receiver = await startAlertReceiver()
  const ctx = await createTestContext({ ALERT_WEBHOOK_URL: receiver.url, ALERT_DEAD_LETTERS: '3' })
  const admin = adminApi(ctx)

  it('stays quiet below the threshold', async () => {
    for (const i of [1, 2]) await deadLetter(ctx, i)
    await checkAlerts(ctx)
    expect(receiver.state.attempts).toBe(0)
    expect((await admin('GET', '/alerts')).json().items).toEqual([])
  })

  it('opens one incident at the threshold; a refused post is retried until it arrives, once', async () => {
    await deadLetter(ctx, 3)
    receiver.state.failing = 1
    await checkAlerts(ctx)
    expect(receiver.state.attempts).toBe(1)
    expect(receiver.received).toHaveLength(0)
    await retryDeliveries(ctx)
    await checkAlerts(ctx)
    expect(receiver.received).toHaveLength(1)
    expect(receiver.received[0]!.bindery).toMatchObject({
      event: 'opened',
      kind: 'dead_letters',
      subject: 'all',
    })
    expect(receiver.received[0]!.text).toContain('http://bindery.test/console/dead-letters')
    expect(receiver.received[0]!.text).toContain('3 jobs in the dead letters')
  })

  it('keeps the one incident as the count grows, and resolves it when support clears them', async () => {
    await deadLetter(ctx, 4)
    await checkAlerts(ctx)
    const open = (await admin('GET', '/alerts')).json().items
    expect(open).toHaveLength(1)
    expect(open[0].details).toMatchObject({ deadLetters: 4, threshold: 3 })
    expect(receiver.received).toHaveLength(1)
    // Support replayed or discarded them.
    await ctx.db.query(`delete from pgboss.job where name = 'dead-letters'`)
    await checkAlerts(ctx)
    expect(receiver.received.map((r) => r.bindery.event)).toEqual(['opened', 'resolved'])
    const all = (await admin('GET', '/alerts?state=all')).json().items
    expect(all[0]).toMatchObject({
      kind: 'dead_letters',
      resolvedAt: expect.any(String),
      runbook: 'docs/runbooks.md#dead-letters',
    })
  })

  it('answers bad alert queries with a 400 envelope, and no credentials with 401', async () => {
    expect((await admin('GET', '/alerts?state=closed')).statusCode).toBe(400)
    expect((await admin('GET', '/alerts?limit=0')).json().error.code).toBe('validation_error')
    expect((await ctx.app.inject({ url: '/admin/api/alerts' })).statusCode).toBe(401)
  })
})

describe('alerts without ALERT_WEBHOOK_URL', async () => {
  const ctx = await createTestContext({ ALERT_DEAD_LETTERS: '1' })

  it('stores the incident for the console and sends nothing', async () => {
    await deadLetter(ctx, 1)
    await checkAlerts(ctx)
    const items = (await adminApi(ctx)('GET', '/alerts')).json().items
    expect(items).toHaveLength(1)
    expect(items[0]).toMatchObject({ kind: 'dead_letters', notifiedAt: expect.any(String) })
    const queued = await ctx.db.query(`select 1 from pgboss.job where name = 'alert-deliver'`)
    expect(queued.rowCount).toBe(0)
  })
})

describe('the alert configuration', () => {
  it.each(['javascript:alert(1)', 'ftp://hooks.example.com/x', 'not a url', ' https://hooks.example.com'])(
    'refuses ALERT_WEBHOOK_URL=%s at start-up',
    (url) => {
      expect(() => testConfig({ ALERT_WEBHOOK_URL: url })).toThrow(/ALERT_WEBHOOK_URL/)
    },
  )

  it('takes an https URL and the thresholds', () => {
    const c = testConfig({
      ALERT_WEBHOOK_URL: 'https://hooks.slack.com/services/T/B/x',
      ALERT_CIRCUIT_MINUTES: '3',
    })
    expect(c.alerts).toEqual({
      webhookUrl: 'https://hooks.slack.com/services/T/B/x',
      deadLetters: 10,
      circuitOpenMinutes: 3,
      driftItems: 50,
    })
  })
})
