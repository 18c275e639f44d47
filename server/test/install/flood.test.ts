import { describe, expect, it } from 'vitest'
import { itemEvent, signedHeaders, startInstallWorld } from './install-world'

describe('webhook flood', async () => {
  const w = await startInstallWorld()
  const { ctx } = w

  it('1,000 deliveries (30% duplicates, 10% forged) at concurrency 50: each unique valid event stored and applied once', async () => {
    expect((await w.install()).status).toBe(200)
    const unique = Array.from({ length: 600 }, (_, i) =>
      itemEvent({ id: `item-${i}`, lastUpdated: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString() }),
    )
    type Send = { body: string; forged: boolean }
    const sends: Send[] = [
      ...unique.map((body) => ({ body, forged: false })),
      ...Array.from({ length: 300 }, (_, i) => ({ body: unique[i % unique.length]!, forged: false })),
      ...Array.from({ length: 100 }, (_, i) => ({ body: itemEvent({ id: `forged-${i}` }), forged: true })),
    ]
    // Deterministic shuffle, so duplicates race their originals.
    for (let i = sends.length - 1, seed = 7; i > 0; i--) {
      seed = (seed * 48271) % 2147483647
      const j = seed % (i + 1)
      ;[sends[i], sends[j]] = [sends[j]!, sends[i]!]
    }
    const statuses: number[] = []
    let next = 0
    await Promise.all(
      Array.from({ length: 50 }, async () => {
        while (next < sends.length) {
          const s = sends[next++]!
          const res = await fetch(`${w.publicUrl}/webhooks/webflow`, {
            method: 'POST',
            body: s.body,
            headers: signedHeaders(s.body, s.forged ? { secret: 'forger' } : {}),
          })
          await res.arrayBuffer()
          statuses.push(res.status)
          expect(res.status).toBe(s.forged ? 401 : 200)
        }
      }),
    )
    expect(statuses.filter((s) => s === 200)).toHaveLength(900)
    expect(statuses.filter((s) => s === 401)).toHaveLength(100)
    const stored = (await ctx.db.query(`select payload->'payload'->>'id' as id from inbox`)).rows.map(
      (r) => r.id,
    )
    expect(stored).toHaveLength(600)
    expect(new Set(stored).size).toBe(600)
    expect(stored.some((id: string) => id.startsWith('forged'))).toBe(false)

    await ctx.boss.send('inbox-process', {})
    await ctx.drain(['inbox-process'])
    const { rows } = await ctx.db.query(
      `select status, attempts, count(*)::int as n from inbox group by status, attempts`,
    )
    // applyDelivery ignores item events of unlinked collections: each row was applied exactly once.
    expect(rows).toEqual([{ status: 'ignored', attempts: 1, n: 600 }])
  })
})
