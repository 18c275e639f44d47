import { describe, expect, it } from 'vitest'
import { BOSS_SCHEMA } from '../../src/db/boss-jobs'
import { createTestContext } from '../helpers/test-context'
import { contentClient, insertLink } from './content-client'

describe('content API writes and the sync engine', async () => {
  const ctx = await createTestContext()
  const a = await contentClient(ctx, 'site-a')
  const pushJobs = async (linkId: string) =>
    (await ctx.boss.findJobs('link-push')).filter((j) => (j.data as { linkId: string }).linkId === linkId)
  const dirty = async (linkId: string) =>
    (
      await ctx.db.query<{ hub_item_id: string }>(
        'select hub_item_id from item_links where link_id = $1 and dirty order by hub_item_id',
        [linkId],
      )
    ).rows.map((r) => r.hub_item_id)
  const clear = async (linkId: string) => {
    await ctx.db.query('update item_links set dirty = false where link_id = $1', [linkId])
    await ctx.db.query(`delete from ${BOSS_SCHEMA}.job where name = 'link-push'`)
  }

  it('marks a written item dirty on an active link and enqueues exactly one push per link', async () => {
    const id = await a.createCollection('linked', [{ slug: 'n', name: 'N', type: 'number' }])
    const linkId = await insertLink(ctx, 'site-a', id, 'wf-linked')
    const item = (
      await a.call('POST', `/collections/${id}/items`, { slug: 'x', name: 'X', fields: { n: 1 } })
    ).json()
    expect(await dirty(linkId)).toEqual([item.id])
    expect(await pushJobs(linkId)).toHaveLength(1)

    // More writes while a push is queued coalesce into it.
    await a.call('PATCH', `/collections/${id}/items/${item.id}`, { fields: { n: 2 } })
    await a.call('POST', `/collections/${id}/items/${item.id}/publish`)
    expect(await pushJobs(linkId)).toHaveLength(1)

    const bulk = await a.call('POST', `/collections/${id}/items/bulk`, {
      items: [
        { slug: 'y', name: 'Y', fields: { n: 1 } },
        { slug: 'z', name: 'Z', fields: { n: 1 } },
      ],
    })
    expect(bulk.statusCode).toBe(200)
    expect((await dirty(linkId)).length).toBe(3)
    expect(await pushJobs(linkId)).toHaveLength(1)
  })

  it('enqueues nothing for a write that changes nothing', async () => {
    const id = await a.createCollection('noop', [{ slug: 'n', name: 'N', type: 'number' }])
    const linkId = await insertLink(ctx, 'site-a', id, 'wf-noop')
    const item = (
      await a.call('POST', `/collections/${id}/items`, { slug: 'x', name: 'X', fields: { n: 1 } })
    ).json()
    await clear(linkId)
    await a.call('PATCH', `/collections/${id}/items/${item.id}`, { name: 'X', fields: { n: 1 } })
    await a.call('POST', `/collections/${id}/items/${item.id}/unpublish`)
    await a.call('POST', `/collections/${id}/items/bulk`, {
      items: [{ slug: 'x', name: 'X', fields: { n: 1 } }],
    })
    expect(await dirty(linkId)).toEqual([])
    expect(await pushJobs(linkId)).toHaveLength(0)
  })

  it('marks a deleted item dirty so the push can delete it in Webflow', async () => {
    const id = await a.createCollection('deletes')
    const linkId = await insertLink(ctx, 'site-a', id, 'wf-deletes')
    const item = (await a.call('POST', `/collections/${id}/items`, { slug: 'x', name: 'X' })).json()
    await clear(linkId)
    expect((await a.call('DELETE', `/collections/${id}/items/${item.id}`)).statusCode).toBe(204)
    expect(await dirty(linkId)).toEqual([item.id])
    expect(await pushJobs(linkId)).toHaveLength(1)
  })

  it('does nothing for links that are disconnected or pull-only, or when the write is rejected', async () => {
    const id = await a.createCollection('quiet', [{ slug: 'n', name: 'N', type: 'number' }])
    const linkId = await insertLink(ctx, 'site-a', id, 'wf-quiet')
    await ctx.db.query(`update links set direction = 'pull-only' where id = $1`, [linkId])
    await a.call('POST', `/collections/${id}/items`, { slug: 'x', name: 'X' })
    expect(await pushJobs(linkId)).toHaveLength(0)
    await ctx.db.query(`update links set direction = 'two-way' where id = $1`, [linkId])
    const rejected = await a.call('POST', `/collections/${id}/items`, {
      slug: 'y',
      name: 'Y',
      fields: { n: 'x' },
    })
    expect(rejected.statusCode).toBe(400)
    expect(await pushJobs(linkId)).toHaveLength(0)
  })
})
