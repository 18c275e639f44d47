import { describe, expect, it } from 'vitest'
import { DEMO, startReconcileWorld } from './reconcile-world'
import { schemaLink } from './schema-world'

// Seeded and randomised: Designer schema edits interleaved with item edits on both sides, then a
// reconcile. Every item must hold the last write to each surviving field on both sides, the hub
// keeps the values of a field deleted in Webflow, and no item is left failed.

const SEED = Number(process.env.SCHEMA_SEED ?? 18)
const STEPS = 50

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

type Expected = { summary: string; kind: string | null; rating: number }

describe.each([
  { removedOptionValues: 'cleared' as const, optionRenameKeepsId: true, seed: SEED },
  { removedOptionValues: 'kept' as const, optionRenameKeepsId: true, seed: SEED + 1 },
  { removedOptionValues: 'cleared' as const, optionRenameKeepsId: false, seed: SEED + 2 },
])(
  'schema drift, randomised (seed $seed, removed Options $removedOptionValues, renames keep ids $optionRenameKeepsId)',
  async ({ removedOptionValues, optionRenameKeepsId, seed }) => {
    const world = await startReconcileWorld()
    world.sim.control.setConfig({ removedOptionValues, optionRenameKeepsId })
    const t = await schemaLink(world, `rnd-${removedOptionValues}-${optionRenameKeepsId}`, 6)

    it('leaves every item with the last write to each surviving field, on both sides', async () => {
      const rand = prng(seed)
      const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)]!
      const wfStart = await t.webflow()
      const slugs = [...wfStart.keys()].sort()
      const hubIds = new Map([...(await t.hub()).entries()].map(([s, i]) => [s, i.id]))
      const wfIds = new Map([...wfStart.entries()].map(([s, i]) => [s, i.id!]))
      const options = async () => t.options()
      const start = await options()
      // Kind is tracked by Option id: a rename keeps it, a removal clears it.
      const expected = new Map<string, Expected>(
        [...(await t.hub()).entries()].map(([s, i]) => [
          s,
          {
            summary: i.fields.summary as string,
            kind: start.find((o) => o.name === i.fields.kind)!.id,
            rating: i.fields.rating as number,
          },
        ]),
      )
      let ratingAlive = true
      let added = 0
      // Half the hub edits touch the item last edited in Webflow: the designer's story, at random.
      let lastInWebflow = slugs[0]!
      const log: string[] = []

      for (let step = 0; step < STEPS; step++) {
        const roll = rand()
        const slug = roll < 0.3 && rand() < 0.5 ? lastInWebflow : pick(slugs)
        const e = expected.get(slug)!
        if (roll < 0.3) {
          const hubOptions = (await world.content.call('GET', `/collections/${t.collectionId}`))
            .json()
            .fields.find((f: { slug: string }) => f.slug === 'kind').options as string[]
          const current = (await options()).filter((o) => hubOptions.includes(o.name))
          const field = pick(['summary', 'kind', 'rating'] as const)
          if (field === 'kind' && current.length) {
            const o = pick(current)
            e.kind = o.id
            await t.editHub(hubIds.get(slug)!, { fields: { kind: o.name } })
          } else if (field === 'rating') {
            e.rating = Math.floor(rand() * 100)
            await t.editHub(hubIds.get(slug)!, { fields: { rating: e.rating } })
          } else {
            e.summary = `hub ${step}`
            await t.editHub(hubIds.get(slug)!, { fields: { summary: e.summary } })
          }
          log.push(`${step} hub ${slug}`)
        } else if (roll < 0.6) {
          const field = pick(
            ratingAlive ? (['summary', 'kind', 'rating'] as const) : (['summary', 'kind'] as const),
          )
          if (field === 'kind') {
            const o = pick(await options())
            e.kind = o.id
            await t.editWebflow(wfIds.get(slug)!, { kind: o.id })
          } else if (field === 'rating') {
            e.rating = Math.floor(rand() * 100)
            await t.editWebflow(wfIds.get(slug)!, { rating: e.rating })
          } else {
            e.summary = `webflow ${step}`
            await t.editWebflow(wfIds.get(slug)!, { summary: e.summary })
          }
          lastInWebflow = slug
          log.push(`${step} webflow ${slug} ${field}`)
        } else {
          const kind = await t.field('kind')
          const current = await options()
          const edit = pick(['addOption', 'renameOption', 'removeOption', 'renameField', 'deleteRating'])
          if (edit === 'addOption' || (edit === 'removeOption' && current.length <= 2)) {
            await t.control('PATCH', `/fields/${kind.id}`, {
              options: [...current, { name: `extra-${++added}` }],
            })
          } else if (edit === 'renameOption') {
            const o = pick(current)
            await t.control('PATCH', `/fields/${kind.id}`, {
              options: current.map((x) => (x.id === o.id ? { ...x, name: `${x.name}-r${step}` } : x)),
            })
            // Where a rename gives the Option a new id, Webflow moves its items to it.
            const renamed = (await options()).find((x) => x.name === `${o.name}-r${step}`)!
            for (const x of expected.values()) if (x.kind === o.id) x.kind = renamed.id
          } else if (edit === 'removeOption') {
            const o = pick(current)
            await t.control('PATCH', `/fields/${kind.id}`, { options: current.filter((x) => x.id !== o.id) })
            for (const x of expected.values()) if (x.kind === o.id) x.kind = null
          } else if (edit === 'renameField') {
            await t.control('PATCH', `/fields/${(await t.field('summary')).id}`, {
              displayName: `Summary ${step}`,
            })
          } else if (ratingAlive) {
            await t.control('DELETE', `/fields/${(await t.field('rating')).id}`)
            ratingAlive = false
          }
          log.push(`${step} designer ${edit}`)
        }
      }

      await world.reconcile(t.linkId)
      await world.settle()
      const nameOf = new Map((await options()).map((o) => [o.id, o.name]))
      const hub = await t.hub()
      const wf = await t.webflow()
      for (const slug of slugs) {
        const e = expected.get(slug)!
        const kind = e.kind === null ? null : (nameOf.get(e.kind) ?? null)
        const h = hub.get(slug)!.fields
        const w = wf.get(slug)!.fieldData as Record<string, unknown>
        const why = `${slug} after ${log.join(', ')}`
        if (process.env.SCHEMA_DEBUG && (h.kind ?? null) !== kind) {
          const a = await world.ctx.db.query(
            'select action, direction, before, after, correlation_id from audit_log where subject_id = $1 or subject_id = $2 order by id',
            [hub.get(slug)!.id, t.linkId],
          )
          console.log(
            JSON.stringify(
              { slug, e, kind, w: w.kind, h: h.kind, opts: [...nameOf], audit: a.rows },
              null,
              1,
            ),
          )
        }
        expect(h.summary, why).toBe(e.summary)
        expect(w.summary, why).toBe(e.summary)
        expect(h.kind ?? null, why).toBe(kind)
        expect(nameOf.get(w.kind as string) ?? null, why).toBe(kind)
        // The hub keeps a field Webflow deleted; Webflow has it only while it exists.
        expect(h.rating, why).toBe(e.rating)
        if (ratingAlive) expect(w.rating, why).toBe(e.rating)
        else expect(w, why).not.toHaveProperty('rating')
      }
      const summary = (await world.admin('GET', `/sites/${DEMO.siteId}/links/${t.linkId}`)).json()
      expect(summary.counts.failed).toBe(0)
    })
  },
)
