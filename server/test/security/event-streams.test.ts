import { describe, expect, it } from 'vitest'
import { designerSession } from '../helpers/test-context'
import { startSecurityWorld } from './security-world'

describe('event streams of the panel', async () => {
  const w = await startSecurityWorld()
  const { ids } = w
  const url = (token: string) =>
    `${w.publicUrl}/api/sites/${ids.siteA}/links/${ids.linkId}/events?token=${encodeURIComponent(token)}`
  /** Opens a stream; resolves when the server ends it. */
  const open = async (token: string) => {
    const controller = new AbortController()
    const res = await fetch(url(token), { signal: controller.signal })
    const ended = (async () => {
      const reader = res.body!.getReader()
      for (;;) if ((await reader.read()).done) return true
    })().catch(() => false)
    return { status: res.status, ended, abort: () => controller.abort() }
  }

  it('at most 3 at once per session; a fourth gets 429', async () => {
    const token = await designerSession(w.ctx, ids.siteA, { role: 'viewer' })
    const streams = [await open(token), await open(token), await open(token)]
    expect(streams.map((s) => s.status)).toEqual([200, 200, 200])
    const fourth = await fetch(url(token))
    expect(fourth.status).toBe(429)
    expect(((await fourth.json()) as { error: { code: string } }).error.code).toBe('rate_limited')
    // Another session is not held back; a closed stream frees its slot.
    const other = await open(await designerSession(w.ctx, ids.siteA, { userId: 'u2' }))
    expect(other.status).toBe(200)
    streams[0]!.abort()
    other.abort()
    await new Promise((r) => setTimeout(r, 200))
    const again = await open(token)
    expect(again.status).toBe(200)
    for (const s of [streams[1]!, streams[2]!, again]) s.abort()
  })

  it('closes when the session expires', async () => {
    // Issued 29 min 58 s ago: 2 seconds left.
    const token = await designerSession(w.ctx, ids.siteA, { now: Date.now() - (30 * 60 - 2) * 1000 })
    const stream = await open(token)
    expect(stream.status).toBe(200)
    const started = Date.now()
    expect(await stream.ended).toBe(true)
    expect(Date.now() - started).toBeLessThan(5_000)
  })

  it('closes when the site is uninstalled (its sessions end)', async () => {
    const stream = await open(await designerSession(w.ctx, ids.siteA))
    expect(stream.status).toBe(200)
    const id = (await w.ctx.db.query('select id from installations')).rows[0].id
    expect((await w.admin('POST', `/installations/${id}/uninstall`)).statusCode).toBe(200)
    expect(await stream.ended).toBe(true)
  })
})
