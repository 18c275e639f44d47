import { LinkParams } from '@bindery/shared/api/links'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import type { AppContext } from '../context/app-context'
import { getLink, type Link } from '../db/links'
import { sessionEpochOf } from '../db/sites'
import { AppError } from '../vocabulary/app-error'
import { linkEventHub } from './link-event-hub'
import { linkSummary } from './link-summary'

const MAX_STREAMS = 3
const KEEP_ALIVE_MS = 25_000

/** `GET …/links/:linkId/events`, registered by the link routes (both scopes). */
export const linkEventsRoutes: FastifyPluginAsyncZod<{
  ctx: AppContext
  linkOf: (siteId: string, linkId: string) => Promise<Link>
}> = async (app, { ctx, linkOf }) => {
  // Server-sent events of the link's summary whenever it changes; the panel polls when these fail.
  // A session holds at most MAX_STREAMS at once, and each closes when its session ends.
  const streams = new Map<string, number>()
  app.get(
    '/links/:linkId/events',
    { schema: { params: LinkParams }, config: { sessionInQuery: true } },
    async (req, reply) => {
      const link = await linkOf(req.params.siteId, req.params.linkId)
      const session = req.session
      const key = session && `${session.siteId}:${session.userId}:${session.expiresAt}`
      if (key && (streams.get(key) ?? 0) >= MAX_STREAMS) {
        throw new AppError(429, 'rate_limited', `at most ${MAX_STREAMS} event streams per session`)
      }
      if (key) streams.set(key, (streams.get(key) ?? 0) + 1)
      let closed = false
      reply.hijack()
      reply.raw.writeHead(200, {
        'content-type': 'text/event-stream',
        'cache-control': 'no-cache',
        connection: 'keep-alive',
      })
      let last = ''
      const send = async () => {
        if (closed) return
        // An uninstall (or reinstall) ends the session: its streams end with it.
        if (session && (await sessionEpochOf(ctx.db, session.siteId)) !== session.epoch) return close()
        const current = await getLink(ctx.db, link.id)
        if (!current || closed) return
        const json = JSON.stringify(await linkSummary(ctx.db, current))
        if (json !== last && !closed) reply.raw.write(`data: ${json}\n\n`)
        last = json
      }
      // A burst of commits (a push round) becomes one summary: one in flight, one more after it.
      let running: Promise<void> | null = null
      let again = false
      const tick = () => {
        if (running) {
          again = true
          return
        }
        running = send()
          .catch(() => {})
          .finally(() => {
            running = null
            if (again) {
              again = false
              tick()
            }
          })
      }
      // Woken by Postgres NOTIFY from the writes that change the link (migration 0016), not a poll.
      const unsubscribe = await linkEventHub(ctx.db, ctx.log).subscribe(link.id, tick)
      // Comments keep proxies from closing a quiet stream; they carry no data.
      const keepAlive = setInterval(() => !closed && reply.raw.write(': keep-alive\n\n'), KEEP_ALIVE_MS)
      const expiry = session
        ? setTimeout(() => close(), Math.max(0, session.expiresAt - Date.now()))
        : undefined
      function close() {
        if (closed) return
        closed = true
        unsubscribe()
        clearInterval(keepAlive)
        clearTimeout(expiry)
        if (key) {
          const n = (streams.get(key) ?? 1) - 1
          if (n > 0) streams.set(key, n)
          else streams.delete(key)
        }
        reply.raw.end()
      }
      req.raw.on('close', close)
      tick()
    },
  )
}
