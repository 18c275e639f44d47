import { afterAll, describe, expect, it } from 'vitest'
import { appendAudit, listItemHistory } from '../../src/db/audit-log'
import { createPool } from '../../src/db/pool'
import { silentLog } from '../helpers/test-context'
import { createTestDatabase } from '../helpers/test-database'

describe('listItemHistory', async () => {
  const database = await createTestDatabase()
  const db = createPool(database.url, silentLog, 2)
  afterAll(() => db.end())

  // 5 rows under the hub id, 3 under the Webflow id, interleaved, plus noise about other subjects.
  for (let i = 0; i < 5; i++) {
    await appendAudit(db, [
      { direction: 'content', action: `hub.${i}`, siteId: 's1', subjectType: 'hub_item', subjectId: 'h1' },
      { direction: 'push', action: `other.${i}`, siteId: 's1', subjectType: 'hub_item', subjectId: 'h2' },
    ])
    if (i < 3)
      await appendAudit(db, [
        { direction: 'pull', action: `wf.${i}`, siteId: 's1', subjectType: 'webflow_item', subjectId: 'w1' },
      ])
  }
  await appendAudit(db, [
    { direction: 'pull', action: 'elsewhere', siteId: 's2', subjectType: 'hub_item', subjectId: 'h1' },
  ])

  it('merges both sides newest first, page by page, without gaps or repeats', async () => {
    const seen: string[] = []
    let before: string | null = null
    let pages = 0
    do {
      const page = await listItemHistory(db, {
        hubItemId: 'h1',
        webflowItemId: 'w1',
        siteId: 's1',
        before,
        limit: 3,
      })
      seen.push(...page.entries.map((e) => e.action))
      before = page.nextBefore
      pages++
    } while (before)
    expect(pages).toBe(3)
    expect(seen).toEqual(['hub.4', 'hub.3', 'wf.2', 'hub.2', 'wf.1', 'hub.1', 'wf.0', 'hub.0'])
  })

  it('reads one side alone, and every site when none is given', async () => {
    const wf = await listItemHistory(db, { webflowItemId: 'w1', limit: 10 })
    expect(wf.entries.map((e) => e.action)).toEqual(['wf.2', 'wf.1', 'wf.0'])
    expect(wf.nextBefore).toBeNull()
    const hub = await listItemHistory(db, { hubItemId: 'h1', limit: 10 })
    expect(hub.entries[0]).toMatchObject({ action: 'elsewhere', siteId: 's2', subjectType: 'hub_item' })
    expect(hub.entries).toHaveLength(6)
  })

  it('is served by the history index', async () => {
    const client = await db.connect()
    try {
      // The table is tiny here, so make the planner show which index it would walk on a big one.
      await client.query('set enable_seqscan = off')
      const { rows } = await client.query(
        `explain select id from audit_log where subject_type = 'hub_item' and subject_id = 'h1' and id < 100
         order by id desc limit 5`,
      )
      expect(rows.map((r) => r['QUERY PLAN']).join('\n')).toContain('audit_log_item_history_idx')
    } finally {
      client.release()
    }
  })
})
