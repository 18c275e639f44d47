import pg from 'pg'
import type { Logger } from 'pino'
import type { Db } from '../db/pool'

/** The channel migration 0016's triggers notify with a link id when a link's summary may have changed. */
export const LINK_EVENTS_CHANNEL = 'link_events'
const RECONNECT_MS = 2_000

type Listener = (linkId: string) => void

/**
 * One LISTEN connection per process (per pool) that fans link notifications out to the open event
 * streams. It opens with the first stream and closes with the last, so a process with no panel open
 * holds no extra connection. A reconnect tells every stream to refresh (it may have missed some).
 */
export class LinkEventHub {
  private client: pg.Client | null = null
  private listeners = new Map<string, Set<Listener>>()
  private size = 0
  private connecting: Promise<void> | null = null

  constructor(
    private db: Db,
    private log: Logger,
  ) {}

  /** Calls `fn` after each committed change of the link; resolves once listening. Returns the unsubscribe. */
  async subscribe(linkId: string, fn: Listener): Promise<() => void> {
    const set = this.listeners.get(linkId) ?? new Set()
    set.add(fn)
    this.listeners.set(linkId, set)
    this.size++
    await this.ensureConnected()
    return () => {
      if (!set.delete(fn)) return
      if (!set.size) this.listeners.delete(linkId)
      if (--this.size === 0) void this.close()
    }
  }

  private ensureConnected(): Promise<void> {
    if (this.client) return Promise.resolve()
    this.connecting ??= this.connect().finally(() => {
      this.connecting = null
    })
    return this.connecting
  }

  private async connect() {
    // Same server and credentials as the pool, on a connection of its own (LISTEN holds it).
    const c = new pg.Client({
      ...this.db.options,
      application_name: 'bindery-link-events',
    } as pg.ClientConfig)
    c.on('error', (err) => this.log.warn({ err }, 'link events connection failed'))
    c.on('notification', (n) => {
      if (n.channel === LINK_EVENTS_CHANNEL && n.payload) this.emit(n.payload)
    })
    await c.connect()
    await c.query(`listen ${LINK_EVENTS_CHANNEL}`)
    this.client = c
    c.once('end', () => {
      if (this.client !== c) return
      this.client = null
      if (this.size > 0)
        setTimeout(() => {
          if (this.size > 0)
            void this.ensureConnected()
              .then(() => this.emitAll())
              .catch((err) => this.log.warn({ err }, 'link events could not reconnect'))
        }, RECONNECT_MS)
    })
  }

  private emit(linkId: string) {
    for (const fn of this.listeners.get(linkId) ?? []) fn(linkId)
  }

  private emitAll() {
    for (const id of this.listeners.keys()) this.emit(id)
  }

  private async close() {
    await this.connecting?.catch(() => {})
    if (this.size > 0) return
    const c = this.client
    this.client = null
    await c?.end().catch(() => {})
  }
}

const hubs = new WeakMap<Db, LinkEventHub>()

/** The process's hub for this pool (the designer and admin scopes share it). */
export function linkEventHub(db: Db, log: Logger): LinkEventHub {
  let hub = hubs.get(db)
  if (!hub) {
    hub = new LinkEventHub(db, log)
    hubs.set(db, hub)
  }
  return hub
}
