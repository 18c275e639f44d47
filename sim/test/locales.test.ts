import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { client, DEMO, type DemoSim, http, startDemo, startReceiver, waitFor } from './helpers.ts'

// Per-locale item content (docs/webflow.md "Localization"): one item id, one version per cmsLocaleId.
const authors = DEMO.authorsCollectionId
const fr = DEMO.frCmsLocaleId
const en = DEMO.cmsLocaleId
let t: DemoSim

beforeEach(async () => {
  t = await startDemo()
})
afterEach(async () => {
  await t.sim.close()
})

const get = (id: string, locale: string) =>
  http(t.sim, 'GET', `/v2/collections/${authors}/items/${id}?cmsLocaleId=${locale}`, { token: t.token })

async function ada(): Promise<string> {
  const page = await t.wf.collections.items.listItems(authors, { slug: 'ada-lovelace' })
  return page.items?.[0]?.id as string
}

describe('localized items', () => {
  it('the demo site has English primary and French secondary, Ada translated', async () => {
    const site = await t.wf.sites.get(DEMO.siteId)
    expect(site.locales?.primary?.tag).toBe('en')
    expect(site.locales?.secondary?.map((l) => [l.tag, l.cmsLocaleId])).toEqual([['fr-FR', fr]])
    const id = await ada()
    expect((await get(id, fr)).json.fieldData.bio).toBe('A écrit le premier programme.')
    expect((await get(id, en)).json.fieldData.bio).toBe('Wrote the first program.')
  })

  it('lists one locale per cmsLocaleId filter, both with a comma list', async () => {
    const list = (q: string) =>
      http(t.sim, 'GET', `/v2/collections/${authors}/items?${q}`, { token: t.token }).then((r) => r.json)
    expect((await list('')).items.every((i: { cmsLocaleId: string }) => i.cmsLocaleId === en)).toBe(true)
    expect((await list(`cmsLocaleId=${fr}`)).pagination.total).toBe(2)
    expect((await list(`cmsLocaleId=${en},${fr}`)).pagination.total).toBe(4)
  })

  it('a bulk PATCH carrying cmsLocaleId per item changes only that locale, and its webhook says so', async () => {
    const id = await ada()
    await t.sim.control.webhooksIdle()
    const res = await http(t.sim, 'PATCH', `/v2/collections/${authors}/items`, {
      token: t.token,
      body: { items: [{ id, cmsLocaleId: fr, fieldData: { name: 'Ada (fr)' } }] },
    })
    expect(res.status).toBe(200)
    expect((await get(id, fr)).json.fieldData.name).toBe('Ada (fr)')
    expect((await get(id, en)).json.fieldData.name).toBe('Ada Lovelace')
  })

  it('create without locales lands in primary only; /items/bulk with cmsLocaleIds makes every locale', async () => {
    const single = await http(t.sim, 'POST', `/v2/collections/${authors}/items`, {
      token: t.token,
      body: { fieldData: { name: 'Solo', slug: 'solo' } },
    })
    expect(single.json.cmsLocaleId).toBe(en)
    expect((await get(single.json.id, fr)).status).toBe(404)
    const bulk = await http(t.sim, 'POST', `/v2/collections/${authors}/items/bulk`, {
      token: t.token,
      body: { cmsLocaleIds: [en, fr], fieldData: [{ name: 'Both', slug: 'both' }] },
    })
    expect(bulk.status).toBe(202)
    const ids = new Set(bulk.json.items.map((i: { id: string }) => i.id))
    expect(ids.size).toBe(1)
    expect((await get([...ids][0] as string, fr)).json.fieldData.name).toBe('Both')
  })

  it('the 100-item bulk limit counts items by default, item × locale versions under the switch', async () => {
    const body = {
      cmsLocaleIds: [en, fr],
      fieldData: Array.from({ length: 60 }, (_, i) => ({ name: `N${i}`, slug: `n-${i}` })),
    }
    const post = () => http(t.sim, 'POST', `/v2/collections/${authors}/items/bulk`, { token: t.token, body })
    expect((await post()).status).toBe(202)
    await http(t.sim, 'PUT', '/_sim/config', { body: { bulkLimitCountsLocales: true } })
    body.fieldData = body.fieldData.map((f) => ({ ...f, slug: `${f.slug}-b` }))
    expect((await post()).status).toBe(400)
  })

  it('publish, unpublish and delete take locales; the control API acts per locale', async () => {
    const id = await ada()
    const base = `/_sim/sites/${DEMO.siteId}/collections/${authors}/items/${id}`
    await http(t.sim, 'POST', `${base}/unpublish?cmsLocaleId=${fr}`)
    const live = (locale: string) =>
      http(t.sim, 'GET', `/v2/collections/${authors}/items/${id}/live?cmsLocaleId=${locale}`, {
        token: t.token,
      })
    expect((await live(fr)).status).toBe(404)
    expect((await live(en)).status).toBe(200)
    await http(t.sim, 'POST', `${base}/publish`, { body: { cmsLocaleId: fr } })
    expect((await live(fr)).status).toBe(200)
    const rx = await startReceiver()
    await client(t.sim, t.token).webhooks.create(DEMO.siteId, {
      triggerType: 'collection_item_changed' as never,
      url: `${rx.url}/hook`,
    })
    await http(t.sim, 'PATCH', base, { body: { cmsLocaleId: fr, fieldData: { bio: 'Programmeuse.' } } })
    const d = await waitFor(() => rx.received[0])
    expect(d.body.payload).toMatchObject({ id, cmsLocaleId: fr, fieldData: { bio: 'Programmeuse.' } })
    await rx.close()
    await http(t.sim, 'DELETE', `${base}?cmsLocaleId=${fr}`)
    expect((await get(id, fr)).status).toBe(404)
    expect((await get(id, en)).status).toBe(200)
  })
})
