import pg from 'pg'
import type { Logger } from 'pino'
import type { Boss } from '../context/boss'
import { enqueue } from '../context/enqueue'
import * as inbox from '../db/inbox'

const COALESCE_MS = 25
const RECONNECT_MS = 2_000

/**
 * Wakes the inbox processor when deliveries commit: LISTENs on a dedicated connection and turns a
 * burst of notifications into one `inbox-process` job (the queue keeps at most one queued). A lost
 * notification or connection only delays: the minute sweep finds pending rows regardless.
 */
export function startInboxListener(o: { databaseUrl: string; boss: Boss; log: Logger }): () => Promise<void> {
  let client: pg.Client | null = null
  let stopped = false
  let timer: NodeJS.Timeout | null = null

  const wake = () => {
    if (timer || stopped) return
    timer = setTimeout(() => {
      timer = null
      enqueue(o, 'inbox-process', {}).catch((err) => {
        o.log.warn({ err }, 'could not enqueue inbox processing')
      })
    }, COALESCE_MS)
  }

  const connect = async () => {
    if (stopped) return
    const c = new pg.Client({ connectionString: o.databaseUrl, application_name: 'bindery-inbox-listener' })
    c.on('error', (err) => o.log.warn({ err }, 'inbox listener connection failed'))
    c.on('notification', wake)
    try {
      await c.connect()
      await inbox.listen(c)
    } catch (err) {
      o.log.warn({ err }, 'inbox listener could not connect; retrying')
      await c.end().catch(() => {})
      if (!stopped) setTimeout(() => void connect(), RECONNECT_MS)
      return
    }
    client = c
    c.once('end', () => {
      client = null
      if (!stopped) setTimeout(() => void connect(), RECONNECT_MS)
    })
    wake() // catch up on anything that committed while we were not listening
  }
  void connect()

  return async () => {
    stopped = true
    if (timer) clearTimeout(timer)
    await client?.end().catch(() => {})
  }
}
