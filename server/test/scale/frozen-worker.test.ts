import pg from 'pg'
import { describe, expect, it } from 'vitest'
import { createTestDatabase } from '../helpers/test-database'
import { DEMO, itemsCounted, startScaleWorld, webflowSlugs } from './scale-world'

const ITEMS = 3_000

describe('a worker frozen mid-push', async () => {
  const database = await createTestDatabase()
  it('thaws after its push was handed to another worker, and no item is created twice', {
    timeout: 300_000,
  }, async () => {
    const { sim, workers, call, hubCollection } = await startScaleWorld(database, 2)
    const hubCollectionId = await hubCollection('frozen', ITEMS)
    // Slow creates, so the freeze lands mid-push.
    await sim.app.inject({
      method: 'PUT',
      url: '/_sim/faults',
      payload: { routes: ['POST /v2/collections/*'], latencyMs: 300 },
    })
    const link = await call('POST', `/admin/api/sites/${DEMO.siteId}/links`, {
      mode: 'publish',
      hubCollectionId,
      fields: ['summary'],
    })
    let pushing: (typeof workers)[number] | undefined
    await expect
      .poll(
        async () => {
          for (const w of workers) if ((await itemsCounted(w, 'pushed')) > 0) pushing = w
          return pushing !== undefined
        },
        { timeout: 60_000, interval: 50 },
      )
      .toBe(true)
    // A paused container or a stopped VM: alive to the kernel, silent to pg-boss. Its heartbeat stops
    // and pg-boss hands the push to the other worker, which must wait for the frozen one.
    pushing!.child.kill('SIGSTOP')
    const db = new pg.Client({ connectionString: database.url })
    await db.connect()
    try {
      const heldBack = async () =>
        (
          await db.query(
            `select 1 from pgboss.job where name = 'link-push' and output->>'skipped' like 'another process%'`,
          )
        ).rowCount
      await expect.poll(heldBack, { timeout: 120_000, interval: 500 }).toBeGreaterThan(0)
    } finally {
      await db.end()
    }
    pushing!.child.kill('SIGCONT')
    await sim.app.inject({ method: 'DELETE', url: '/_sim/faults' })
    const summary = () => call('GET', `/admin/api/sites/${DEMO.siteId}/links/${link.id}`)
    await expect
      .poll(async () => `${(await summary()).state} ${(await summary()).counts.synced}`, {
        timeout: 120_000,
        interval: 500,
      })
      .toBe(`live ${ITEMS}`)
    expect(webflowSlugs(sim, link.webflowCollectionId).sort()).toEqual(
      Array.from({ length: ITEMS }, (_, k) => `frozen-${k}`).sort(),
    )
  })
})
