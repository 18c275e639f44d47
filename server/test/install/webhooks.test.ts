import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../src/app'
import { createAppContext } from '../../src/context/app-context'
import { openGate } from '../helpers/open-gate'
import { silentLog } from '../helpers/test-context'
import { CLIENT_SECRET, DEMO, itemEvent, signedHeaders, startInstallWorld } from './install-world'

describe('POST /webhooks/webflow', async () => {
  const w = await startInstallWorld()
  const { ctx } = w
  beforeAll(async () => {
    expect((await w.install()).status).toBe(200)
  })
  const post = (body: string, headers: Record<string, string>) =>
    ctx.app.inject({ method: 'POST', url: '/webhooks/webflow', payload: body, headers })
  const inboxCount = async () =>
    Number((await ctx.db.query('select count(*)::int as n from inbox')).rows[0].n)
  let n = 0
  /** A fresh, distinct, valid event body. */
  const fresh = () => itemEvent({ lastUpdated: new Date(Date.UTC(2026, 0, 1) + ++n * 1000).toISOString() })

  async function rejects(body: string, headers: Record<string, string>, status: number, code: string) {
    const before = await inboxCount()
    const res = await post(body, headers)
    expect(res.statusCode).toBe(status)
    expect(res.json().error.code).toBe(code)
    expect(await inboxCount()).toBe(before)
  }

  it('accepts a signed delivery: stored pending, then applied once by the inbox job', async () => {
    const body = fresh()
    const res = await post(body, signedHeaders(body))
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ status: 'accepted' })
    const row = (await ctx.db.query('select * from inbox')).rows[0]
    expect(row).toMatchObject({
      status: 'pending',
      site_id: DEMO.siteId,
      trigger_type: 'collection_item_changed',
    })
    expect(row.payload).toEqual(JSON.parse(body))
    await ctx.boss.send('inbox-process', {})
    await ctx.drain(['inbox-process'])
    const done = (await ctx.db.query('select status, attempts, processed_at from inbox')).rows[0]
    expect(done).toMatchObject({ status: 'ignored', attempts: 1 })
    expect(done.processed_at).toBeInstanceOf(Date)
  })

  it('a duplicate (Webflow retry: same body, new timestamp) answers 200 and changes nothing', async () => {
    const body = fresh()
    expect((await post(body, signedHeaders(body))).json()).toEqual({ status: 'accepted' })
    const before = await inboxCount()
    const again = await post(body, signedHeaders(body, { timestamp: Date.now() + 1000 }))
    expect(again.statusCode).toBe(200)
    expect(again.json()).toEqual({ status: 'duplicate' })
    expect(await inboxCount()).toBe(before)
  })

  it('a delivery for a site Bindery does not serve answers 200 and is recorded as ignored', async () => {
    const body = itemEvent({ siteId: 'ffffffffffffffffffffffff', lastUpdated: '2026-05-05T05:05:05.000Z' })
    const res = await post(body, signedHeaders(body))
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ status: 'ignored' })
    const row = (await ctx.db.query(`select status from inbox where site_id = 'ffffffffffffffffffffffff'`))
      .rows
    expect(row).toEqual([{ status: 'ignored' }])
  })

  it('keys site_publish by site and publish time, and deleted events without lastUpdated by body and send time', async () => {
    const publish = JSON.stringify({
      triggerType: 'site_publish',
      payload: { siteId: DEMO.siteId, publishedOn: '2026-02-02T02:02:02Z', domains: ['demo.webflow.io'] },
    })
    expect((await post(publish, signedHeaders(publish))).json()).toEqual({ status: 'accepted' })
    const deleted = (id: string) =>
      JSON.stringify({
        triggerType: 'collection_item_deleted',
        payload: { id, siteId: DEMO.siteId, collectionId: DEMO.postsCollectionId },
      })
    for (const id of ['a1', 'a2'])
      expect(
        (await post(deleted(id), signedHeaders(deleted(id), { timestamp: 1_000 + Date.now() }))).statusCode,
      ).toBe(200)
    // The same delivery again (a retry sent with its first timestamp) is a duplicate…
    const sentAt = Date.now()
    expect((await post(deleted('a1'), signedHeaders(deleted('a1'), { timestamp: sentAt }))).json()).toEqual({
      status: 'accepted',
    })
    expect((await post(deleted('a1'), signedHeaders(deleted('a1'), { timestamp: sentAt }))).json()).toEqual({
      status: 'duplicate',
    })
    // …while the same ids-only body sent later is a new event (an item unpublished twice).
    expect(
      (await post(deleted('a1'), signedHeaders(deleted('a1'), { timestamp: sentAt + 1 }))).json(),
    ).toEqual({
      status: 'accepted',
    })
    const keys = (
      await ctx.db.query(`select dedupe_key from inbox where trigger_type <> 'collection_item_changed'`)
    ).rows
    expect(keys.map((r) => r.dedupe_key)).toEqual(
      expect.arrayContaining([
        `site_publish:${DEMO.siteId}:2026-02-02T02:02:02Z`,
        expect.stringMatching(/^collection_item_deleted:a1::body:[0-9a-f]{64}:\d+$/),
      ]),
    )
  })

  describe('rejects, storing nothing', () => {
    it('a missing timestamp header (400 missing_signature)', async () => {
      const body = fresh()
      const { 'x-webflow-timestamp': _, ...headers } = signedHeaders(body)
      await rejects(body, headers, 400, 'missing_signature')
    })
    it('a missing signature header (400 missing_signature)', async () => {
      const body = fresh()
      const { 'x-webflow-signature': _, ...headers } = signedHeaders(body)
      await rejects(body, headers, 400, 'missing_signature')
    })
    it('an unsigned delivery, as dashboard webhooks send (400 missing_signature)', async () => {
      await rejects(fresh(), { 'content-type': 'application/json' }, 400, 'missing_signature')
    })
    it('a stale timestamp (401 stale_timestamp)', async () => {
      const body = fresh()
      await rejects(
        body,
        signedHeaders(body, { timestamp: Date.now() - 5 * 60_000 - 1000 }),
        401,
        'stale_timestamp',
      )
    })
    it('a future timestamp (401 stale_timestamp)', async () => {
      const body = fresh()
      await rejects(
        body,
        signedHeaders(body, { timestamp: Date.now() + 5 * 60_000 + 1000 }),
        401,
        'stale_timestamp',
      )
    })
    it('a non-numeric timestamp (401 stale_timestamp)', async () => {
      const body = fresh()
      await rejects(
        body,
        { ...signedHeaders(body), 'x-webflow-timestamp': '2026-01-01T00:00:00Z' },
        401,
        'stale_timestamp',
      )
    })
    it('a signature made with the wrong secret (401 bad_signature)', async () => {
      const body = fresh()
      await rejects(body, signedHeaders(body, { secret: 'not-the-client-secret' }), 401, 'bad_signature')
    })
    it('one tampered body byte (401 bad_signature)', async () => {
      const body = fresh()
      const headers = signedHeaders(body)
      await rejects(body.replace('Hello', 'Hellp'), headers, 401, 'bad_signature')
    })
    it('a re-serialised body (401 bad_signature)', async () => {
      const body = fresh()
      const headers = signedHeaders(body)
      await rejects(JSON.stringify(JSON.parse(body), null, 2), headers, 401, 'bad_signature')
    })
    it('a signature of the wrong length (401 bad_signature)', async () => {
      const body = fresh()
      const headers = signedHeaders(body)
      await rejects(
        body,
        { ...headers, 'x-webflow-signature': headers['x-webflow-signature'].slice(0, 62) },
        401,
        'bad_signature',
      )
    })
    it('a non-hex signature (401 bad_signature)', async () => {
      const body = fresh()
      await rejects(
        body,
        { ...signedHeaders(body), 'x-webflow-signature': 'z'.repeat(64) },
        401,
        'bad_signature',
      )
    })
    it('a bad signature on an invalid body answers 401, never describing the schema', async () => {
      await rejects('{"nope":', signedHeaders('{"nope":', { secret: 'forger' }), 401, 'bad_signature')
    })
    it('malformed JSON, correctly signed (400 invalid_payload)', async () => {
      const body = '{"triggerType": "collection_item_changed", '
      await rejects(body, signedHeaders(body), 400, 'invalid_payload')
    })
    it('an unknown trigger type, correctly signed (400 invalid_payload)', async () => {
      const body = JSON.stringify({ triggerType: 'form_submission', payload: { name: 'Contact' } })
      await rejects(body, signedHeaders(body), 400, 'invalid_payload')
    })
    it('a value Postgres cannot store, correctly signed (400 invalid_payload)', async () => {
      const body = itemEvent({
        lastUpdated: '2026-09-09T09:09:09.000Z',
        fieldData: { name: 'a\u0000b', slug: 'x' },
      })
      await rejects(body, signedHeaders(body), 400, 'invalid_payload')
    })
    it('a body over 1 MB (413 payload_too_large)', async () => {
      const body = itemEvent({ fieldData: { name: 'x'.repeat(1024 * 1024), slug: 'big' } })
      await rejects(body, signedHeaders(body), 413, 'payload_too_large')
    })
  })

  it('answers 503 when Postgres is unavailable, so Webflow retries', async () => {
    const dead = new pg.Pool({
      connectionString: 'postgres://postgres@127.0.0.1:1/nowhere',
      connectionTimeoutMillis: 1000,
    })
    dead.on('error', () => {})
    const app = await buildApp(
      createAppContext({ config: ctx.config, db: dead, boss: ctx.boss, log: silentLog, gate: openGate }),
    )
    afterAll(async () => {
      await app.close()
      await dead.end()
    })
    const body = fresh()
    const res = await app.inject({
      method: 'POST',
      url: '/webhooks/webflow',
      payload: body,
      headers: signedHeaders(body),
    })
    expect(res.statusCode).toBe(503)
    expect(res.json().error.code).toBe('service_unavailable')
    // Bad input is still rejected without the database, never with a 5xx.
    const forged = await app.inject({
      method: 'POST',
      url: '/webhooks/webflow',
      payload: body,
      headers: signedHeaders(body, { secret: 'forger' }),
    })
    expect(forged.statusCode).toBe(401)
  })

  it('treats deliveries the simulator signs with the client secret as accepted, end to end', async () => {
    const before = await inboxCount()
    w.sim.control.designer.updateItem(DEMO.postsCollectionId, (await firstPostId()) as string, {
      fieldData: { name: 'Edited in the Designer' },
    })
    await w.sim.control.webhooksIdle()
    const rows = (await ctx.db.query(`select trigger_type, status from inbox order by id desc limit 1`)).rows
    expect(rows).toEqual([{ trigger_type: 'collection_item_changed', status: 'pending' }])
    expect(await inboxCount()).toBe(before + 1)
    expect(w.sim.control.deliveries(1)[0]).toMatchObject({ outcome: 'delivered', status: 200 })
    expect(CLIENT_SECRET).toBeTruthy()
  })

  async function firstPostId() {
    const c = w.sim.store.collections.get(DEMO.postsCollectionId)
    return [...(c?.items.keys() ?? [])][0]
  }
})
