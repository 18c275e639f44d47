import { describe, expect, it } from 'vitest'
import { DEMO, startSyncWorld } from './sync-world'

// Seeded random edits of two locales of the same items on both sides at once, under reordered and
// duplicated webhooks; afterwards every locale version on both sides holds the last write to it.
const SEED = Number(process.env.LOCALES_SEED ?? 1313)
const ITEMS = 5
const ROUNDS = 6
const OPS = 10
const FR = 'fr-FR'

function prng(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

type Locale = 'en' | typeof FR
type Field = 'name' | 'blurb'

describe(`no crossing between locales under reordered and duplicated webhooks (seed ${SEED})`, async () => {
  const world = await startSyncWorld()
  const cid = await world.content.createCollection('tales', [{ slug: 'blurb', name: 'Blurb', type: 'text' }])
  await world.content.call('POST', `/collections/${cid}/locales`, { locales: [FR] })
  const expected = new Map<string, string>()
  const key = (slug: string, locale: Locale, field: Field) => `${slug}/${locale}/${field}`
  const slugs: string[] = []
  for (let i = 0; i < ITEMS; i++) {
    const slug = `tale-${i}`
    slugs.push(slug)
    const res = await world.content.call('POST', `/collections/${cid}/items`, {
      slug,
      name: `Tale ${i}`,
      status: i % 2 ? 'published' : 'draft',
      fields: { blurb: `en ${i}` },
      locales: { [FR]: { slug: `${slug}-fr`, name: `Conte ${i}`, fields: { blurb: `fr ${i}` } } },
    })
    expect(res.statusCode, res.body).toBe(201)
    for (const [loc, name, blurb] of [
      ['en', `Tale ${i}`, `en ${i}`],
      [FR, `Conte ${i}`, `fr ${i}`],
    ] as const) {
      expected.set(key(slug, loc, 'name'), name)
      expected.set(key(slug, loc, 'blurb'), blurb)
    }
  }
  const link = await world.admin('POST', `/sites/${DEMO.siteId}/links`, {
    mode: 'publish',
    hubCollectionId: cid,
    fields: ['blurb'],
  })
  expect(link.statusCode, link.body).toBe(201)
  await world.settle()
  const wfCid: string = link.json().webflowCollectionId
  const cmsOf = { en: DEMO.cmsLocaleId, [FR]: DEMO.frCmsLocaleId } as Record<Locale, string>
  const ids = new Map<string, { hub: string; wf: string }>()
  for (const item of (await world.content.call('GET', `/collections/${cid}/items?limit=100`)).json().items) {
    ids.set(item.slug, { hub: item.id, wf: '' })
  }
  for (const item of (await world.webflow.collections.items.listItems(wfCid, { limit: 100 })).items!) {
    ids.get(item.fieldData!.slug as string)!.wf = item.id!
  }

  async function hubWrite(slug: string, locale: Locale, field: Field, value: string) {
    const q = locale === 'en' ? '' : `?locale=${locale}`
    const body = field === 'name' ? { name: value } : { fields: { blurb: value } }
    const res = await world.content.call('PATCH', `/collections/${cid}/items/${ids.get(slug)!.hub}${q}`, body)
    expect(res.statusCode, res.body).toBe(200)
  }
  function webflowWrite(slug: string, locale: Locale, field: Field, value: string) {
    world.sim.control.designer.updateItem(wfCid, ids.get(slug)!.wf, {
      cmsLocaleId: cmsOf[locale],
      fieldData: { [field]: value },
    })
  }

  it('ends with every locale version on both sides equal to its last write', async () => {
    const rand = prng(SEED)
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!
    await world.sim.app.inject({
      method: 'PUT',
      url: '/_sim/faults',
      payload: { webhooks: { duplicateRate: 0.5, reorder: true } },
    })
    for (let round = 0; round < ROUNDS; round++) {
      // Within a round one side owns each version; both sides write the two locales of an item.
      const owner = new Map<string, 'hub' | 'webflow'>()
      for (let op = 0; op < OPS; op++) {
        const slug = pick(slugs)
        const locale = pick(['en', FR] as const)
        const field = pick(['name', 'blurb'] as const)
        const side = owner.get(`${slug}/${locale}`) ?? pick(['hub', 'webflow'] as const)
        owner.set(`${slug}/${locale}`, side)
        const value = `r${round}o${op} ${side} ${locale} ${field}`
        world.sim.control.advanceClock(1000)
        if (side === 'hub') await hubWrite(slug, locale, field, value)
        else webflowWrite(slug, locale, field, value)
        expected.set(key(slug, locale, field), value)
      }
      await world.settle()
    }
    await world.sim.app.inject({ method: 'DELETE', url: '/_sim/faults' })
    await world.settle()

    const actual = new Map<string, string>()
    for (const locale of ['en', FR] as const) {
      const q = locale === 'en' ? '' : `&locale=${locale}`
      const hub = (await world.content.call('GET', `/collections/${cid}/items?limit=100${q}`)).json().items
      const wf = (await world.webflow.collections.items.listItems(wfCid, { cmsLocaleId: cmsOf[locale] }))
        .items!
      for (const slug of slugs) {
        const h = hub.find((i: { id: string }) => i.id === ids.get(slug)!.hub)
        const w = wf.find((i) => i.id === ids.get(slug)!.wf)!
        actual.set(key(slug, locale, 'name'), h.name)
        actual.set(key(slug, locale, 'blurb'), h.fields.blurb)
        actual.set(`webflow ${key(slug, locale, 'name')}`, w.fieldData!.name as string)
        actual.set(`webflow ${key(slug, locale, 'blurb')}`, w.fieldData!.blurb as string)
      }
    }
    const want = new Map<string, string>()
    for (const [k, v] of expected) {
      want.set(k, v)
      want.set(`webflow ${k}`, v)
    }
    expect(Object.fromEntries(actual)).toEqual(Object.fromEntries(want))
  })
})
