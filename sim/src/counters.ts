// Request and webhook counters plus a bounded request log, read through GET /_sim/counters and
// GET /_sim/requests. Tokens appear by their short id, never by their secret value.

export interface RequestLogEntry {
  /** Epoch ms (simulator clock). */
  at: number
  method: string
  route: string
  url: string
  status: number
  tokenId: string | null
  ms: number
}

export interface DeliveryLogEntry {
  at: string
  webhookId: string
  triggerType: string
  attempt: number
  outcome: 'delivered' | 'failed' | 'lost'
  status: number | null
  error: string | null
}

const emptyWebhooks = () => ({
  sent: 0,
  delivered: 0,
  failed: 0,
  retried: 0,
  lost: 0,
  duplicated: 0,
  deactivated: 0,
})
const emptyItems = () => ({
  created: 0,
  changed: 0,
  deleted: 0,
  published: 0,
  unpublished: 0,
  sitePublishes: 0,
})

const emptyAssets = () => ({ imported: 0, reused: 0, skipped: 0 })

export class Counters {
  byRoute = new Map<string, number>()
  byToken = new Map<string, number>()
  total = 0
  status429 = 0
  status5xx = 0
  webhooks = emptyWebhooks()
  items = emptyItems()
  /** Image/File values: downloaded and imported, referenced by fileId, or skipped as invalid. */
  assets = emptyAssets()
  private log: RequestLogEntry[] = []
  private deliveries: DeliveryLogEntry[] = []

  constructor(private logSize: number) {}

  request(entry: RequestLogEntry): void {
    const key = `${entry.method} ${entry.route}`
    this.byRoute.set(key, (this.byRoute.get(key) ?? 0) + 1)
    if (entry.tokenId) this.byToken.set(entry.tokenId, (this.byToken.get(entry.tokenId) ?? 0) + 1)
    this.total++
    if (entry.status === 429) this.status429++
    if (entry.status >= 500) this.status5xx++
    this.log.push(entry)
    if (this.log.length > this.logSize * 2) this.log = this.log.slice(-this.logSize)
  }

  delivery(entry: DeliveryLogEntry): void {
    this.deliveries.push(entry)
    if (this.deliveries.length > this.logSize * 2) this.deliveries = this.deliveries.slice(-this.logSize)
  }

  itemEvent(triggerType: string): void {
    const key = {
      collection_item_created: 'created',
      collection_item_changed: 'changed',
      collection_item_deleted: 'deleted',
      collection_item_published: 'published',
      collection_item_unpublished: 'unpublished',
      site_publish: 'sitePublishes',
    }[triggerType] as keyof ReturnType<typeof emptyItems> | undefined
    if (key) this.items[key]++
  }

  recentRequests(limit: number) {
    return this.log
      .slice(-Math.min(limit, this.logSize))
      .reverse()
      .map((e) => ({ ...e, at: new Date(e.at).toISOString() }))
  }

  recentDeliveries(limit: number): DeliveryLogEntry[] {
    return this.deliveries.slice(-Math.min(limit, this.logSize)).reverse()
  }

  snapshot() {
    return {
      requests: {
        byRoute: Object.fromEntries(this.byRoute),
        byToken: Object.fromEntries(this.byToken),
        total: this.total,
      },
      status429: this.status429,
      status5xx: this.status5xx,
      webhooks: { ...this.webhooks },
      items: { ...this.items },
      assets: { ...this.assets },
    }
  }

  reset(): void {
    this.byRoute.clear()
    this.byToken.clear()
    this.total = 0
    this.status429 = 0
    this.status5xx = 0
    this.webhooks = emptyWebhooks()
    this.items = emptyItems()
    this.assets = emptyAssets()
    this.log = []
    this.deliveries = []
  }
}
