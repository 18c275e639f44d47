import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createSimulator } from '@bindery/sim/create-simulator'
import { DEMO, seedDemo } from '@bindery/sim/demo-seed'
import { describe, expect, it, onTestFinished } from 'vitest'
import { loadConfig } from '../../src/config'
import { startEmbeddedPostgres } from '../../src/db/embedded-postgres'
import { startWorkers } from '../../src/jobs/workers'
import { startRuntime } from '../../src/runtime'
import { contentClient } from '../content/content-client'
import { adminApi, publishLink, silentLog } from '../helpers/test-context'
import { browse, signedHeaders, startInstallWorld } from '../install/install-world'
import { freePort, portOutsideEphemeralRange, startWorkerProcess } from './worker-process'

describe('crash safety', () => {
  it('a worker killed during the initial sync of 5,000 items is restarted and finishes with no duplicate', {
    timeout: 330_000,
  }, async () => {
    const world = await startInstallWorld({ itemCaps: false })
    expect((await world.install()).status).toBe(200)
    const { ctx, sim } = world
    let worker = await startWorkerProcess(world)
    onTestFinished(() => {
      worker.child.kill('SIGKILL')
    })
    const content = await contentClient(ctx, DEMO.siteId)
    const collectionId = await content.createCollection('bulk', [])
    for (let i = 0; i < 5_000; i += 1_000) {
      const items = Array.from({ length: 1_000 }, (_, k) => ({
        slug: `b-${i + k}`,
        name: `B ${i + k}`,
        status: 'published',
      }))
      expect(
        (await content.call('POST', `/collections/${collectionId}/items/bulk`, { items })).statusCode,
      ).toBe(200)
    }
    // Slow creates, so the kill lands mid-sync.
    await sim.app.inject({
      method: 'PUT',
      url: '/_sim/faults',
      payload: { routes: ['POST /v2/collections/*'], latencyMs: 150 },
    })
    const admin = adminApi(ctx)
    const link = await publishLink(ctx, DEMO.siteId, collectionId, [])
    const summary = async () => (await admin('GET', `/sites/${DEMO.siteId}/links/${link.id}`)).json()
    await expect
      .poll(async () => (await summary()).progress.done, { timeout: 60_000, interval: 50 })
      .toBeGreaterThan(0)
    worker.child.kill('SIGKILL')
    await worker.exited
    const doneAtKill = (await summary()).progress.done
    expect(doneAtKill).toBeLessThan(5_000)
    await sim.app.inject({ method: 'DELETE', url: '/_sim/faults' })
    worker = await startWorkerProcess(world)
    // Recovery waits for pg-boss to fail the dead worker's job over (its heartbeat, 10–20 s) and, when
    // the kill left a bulk create unanswered, for the token's budget to look its 100 slugs up: 15–25 s,
    // and about 75 s with a create lost on a loaded machine.
    await expect.poll(async () => (await summary()).state, { timeout: 120_000, interval: 500 }).toBe('live')
    const c = sim.store.collections.get(link.webflowCollectionId)!
    const slugs = [...c.items.values()].map((i) => [...i.variants.values()][0]!.staged.fieldData.slug)
    expect(slugs).toHaveLength(5_000)
    expect(new Set(slugs).size).toBe(5_000)
    expect((await summary()).counts).toMatchObject({ synced: 5_000, pending: 0, failed: 0 })
  })
  it("a push that died with more creates unanswered than its token's minute allows still finishes", {
    timeout: 180_000,
  }, async () => {
    // 20 requests a minute: settling the 25 unknown creates by slug takes more than one minute's budget.
    const world = await startInstallWorld({ itemCaps: false, rateLimit: 20 })
    expect((await world.install()).status).toBe(200)
    const { ctx, sim } = world
    const content = await contentClient(ctx, DEMO.siteId)
    const collectionId = await content.createCollection('unknown', [])
    const items = Array.from({ length: 40 }, (_, k) => ({
      slug: `u-${k}`,
      name: `U ${k}`,
      status: 'published',
    }))
    expect(
      (await content.call('POST', `/collections/${collectionId}/items/bulk`, { items })).statusCode,
    ).toBe(200)
    const admin = adminApi(ctx)
    const link = await publishLink(ctx, DEMO.siteId, collectionId, [])
    // What a worker killed between recording its creates as sent and sending them leaves behind: 25
    // creates whose outcome is unknown, and that never reached Webflow.
    const { rowCount } = await ctx.db.query(
      `update item_links set create_sent_at = now()
       where id in (select id from item_links where link_id = $1 order by id limit 25)`,
      [link.id],
    )
    expect(rowCount).toBe(25)
    const stop = await startWorkers(ctx.context)
    onTestFinished(() => stop())
    const summary = async () => (await admin('GET', `/sites/${DEMO.siteId}/links/${link.id}`)).json()
    // Each slug looked up is settled as its answer comes: a push that gives its slot back until its
    // budget allows goes on from there, so this takes two of the token's minutes at most.
    await expect.poll(async () => (await summary()).state, { timeout: 150_000, interval: 500 }).toBe('live')
    const c = sim.store.collections.get(link.webflowCollectionId)!
    const slugs = [...c.items.values()].map((i) => [...i.variants.values()][0]!.staged.fieldData.slug)
    expect(slugs.sort()).toEqual(items.map((i) => i.slug).sort())
    expect(sim.control.counters().status429).toBe(0)
  })
})

describe('crash safety: Postgres going away', () => {
  it('answers webhooks 503 while Postgres is down, and everything resumes when it is back', {
    timeout: 120_000,
  }, async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'bindery-crash-'))
    onTestFinished(() => rmSync(dataDir, { recursive: true, force: true }))
    // Postgres restarts on the same port, so it must not be one the OS may hand out meanwhile.
    const pgPort = await portOutsideEphemeralRange()
    let postgres = await startEmbeddedPostgres(dataDir, silentLog, { port: pgPort })
    const port = await freePort()
    const publicUrl = `http://127.0.0.1:${port}`
    const sim = await createSimulator({
      port: 0,
      rateLimit: 'off',
      webhookRetryIntervalMs: 500,
      webhookMaxRetries: 100,
      app: {
        clientId: 'crash-client',
        clientSecret: 'crash-secret',
        redirectUris: [`${publicUrl}/oauth/callback`],
      },
    })
    seedDemo(sim)
    const config = loadConfig({
      DATABASE_URL: postgres.url,
      PORT: String(port),
      PUBLIC_URL: publicUrl,
      WEBFLOW_CLIENT_ID: 'crash-client',
      WEBFLOW_CLIENT_SECRET: 'crash-secret',
      WEBFLOW_API_URL: sim.url,
      WEBFLOW_AUTH_URL: sim.url,
      ENCRYPTION_KEY: 'c'.repeat(64),
      SESSION_SECRET: 's'.repeat(40),
      ADMIN_TOKEN: 't'.repeat(32),
      LOG_LEVEL: 'silent',
      DATA_DIR: dataDir,
    })
    const runtime = await startRuntime(config, silentLog)
    onTestFinished(async () => {
      try {
        await runtime.close()
        await sim.close()
      } finally {
        await postgres.stop()
      }
    })
    await runtime.app.listen({ port, host: '127.0.0.1' })
    expect((await browse(`${publicUrl}/oauth/install`)).status).toBe(200)
    const admin = (method: string, url: string, body?: object) =>
      fetch(`${publicUrl}/admin/api${url}`, {
        method,
        headers: { authorization: `Bearer ${config.adminToken}`, 'content-type': 'application/json' },
        body: body && JSON.stringify(body),
      })
    const link = (await (
      await admin('POST', `/sites/${DEMO.siteId}/links`, {
        mode: 'import',
        webflowCollectionId: DEMO.authorsCollectionId,
        fields: ['bio'],
      })
    ).json()) as { id: string }
    await expect
      .poll(
        async () =>
          ((await (await admin('GET', `/sites/${DEMO.siteId}/links/${link.id}`)).json()) as { state: string })
            .state,
        {
          timeout: 30_000,
        },
      )
      .toBe('live')

    await postgres.stop()
    const body = JSON.stringify({
      triggerType: 'site_publish',
      payload: { siteId: DEMO.siteId, publishedOn: new Date().toISOString(), domains: [] },
    })
    const down = await fetch(`${publicUrl}/webhooks/webflow`, {
      method: 'POST',
      headers: signedHeaders(body, { secret: 'crash-secret' }),
      body,
    })
    expect(down.status).toBe(503)
    expect(((await down.json()) as { error: { code: string } }).error.code).toBe('service_unavailable')
    expect((await fetch(`${publicUrl}/readyz`)).status).toBe(503)
    // A Designer edit while the database is down: Webflow's delivery fails and is retried.
    const ada = [...sim.store.collections.get(DEMO.authorsCollectionId)!.items.keys()][0]!
    sim.control.designer.updateItem(DEMO.authorsCollectionId, ada, {
      fieldData: { name: 'Edited during the outage' },
    })
    await expect.poll(() => sim.control.counters().webhooks.failed, { timeout: 10_000 }).toBeGreaterThan(0)

    postgres = await startEmbeddedPostgres(dataDir, silentLog, { port: pgPort })
    await expect.poll(async () => (await fetch(`${publicUrl}/readyz`)).status, { timeout: 30_000 }).toBe(200)
    await expect
      .poll(
        async () => {
          const { rows } = await runtime.db.query(
            `select name from hub_items where name = 'Edited during the outage'`,
          )
          return rows.length
        },
        { timeout: 60_000, interval: 200 },
      )
      .toBe(1)
  })
})
