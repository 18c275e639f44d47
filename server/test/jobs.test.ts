import { DEAD_LETTER_QUEUE } from '@bindery/shared/queues'
import { describe, expect, it } from 'vitest'
import { startWorkers } from '../src/jobs/workers'
import { createTestContext } from './helpers/test-context'

describe('jobs', async () => {
  const ctx = await createTestContext()

  async function insertInbox(key: string, status: string, daysOld: number) {
    await ctx.db.query(
      `insert into inbox (dedupe_key, trigger_type, status, payload, received_at)
       values ($1, 'collection_item_changed', $2, '{}', now() - make_interval(days => $3))`,
      [key, status, daysOld],
    )
  }

  it('creates every queue of the registry at start-up', async () => {
    const names = (await ctx.boss.getQueues()).map((q) => q.name)
    expect(names).toEqual(expect.arrayContaining(['maintenance-prune', DEAD_LETTER_QUEUE]))
  })

  it('works a sent job with a real worker', async () => {
    await insertInbox('old-processed', 'processed', 40)
    await insertInbox('old-pending', 'pending', 40)
    await insertInbox('new-processed', 'processed', 1)
    const stop = await startWorkers(ctx.context)
    try {
      const id = await ctx.boss.send('maintenance-prune', { olderThanDays: 30 })
      await expect
        .poll(async () => (await ctx.boss.findJobs('maintenance-prune', { id: id! }))[0]?.state, {
          timeout: 15_000,
          interval: 100,
        })
        .toBe('completed')
    } finally {
      await stop()
    }
    const { rows } = await ctx.db.query('select dedupe_key from inbox order by dedupe_key')
    expect(rows.map((r) => r.dedupe_key)).toEqual(['new-processed', 'old-pending'])
  })

  it('drains queues deterministically in tests', async () => {
    await insertInbox('drained', 'ignored', 90)
    await ctx.boss.send('maintenance-prune', { olderThanDays: 30 })
    expect(await ctx.drain()).toEqual({ completed: 1, failed: 0 })
    const { rowCount } = await ctx.db.query(`select 1 from inbox where dedupe_key = 'drained'`)
    expect(rowCount).toBe(0)
  })

  it('dead-letters a job whose payload does not match its schema, and changes nothing', async () => {
    await insertInbox('kept', 'processed', 90)
    const id = await ctx.boss.send('maintenance-prune', { olderThanDays: -5 })
    expect((await ctx.drain()).completed).toBe(0)
    expect((await ctx.boss.findJobs('maintenance-prune', { id: id! }))[0]?.state).toBe('failed')
    const dead = await ctx.boss.findJobs(DEAD_LETTER_QUEUE)
    expect(dead.map((j) => j.data)).toEqual([{ olderThanDays: -5 }])
    const { rowCount } = await ctx.db.query(`select 1 from inbox where dedupe_key = 'kept'`)
    expect(rowCount).toBe(1)
  })
})
