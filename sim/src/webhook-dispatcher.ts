import type { SimContext, SimEvent } from './context.ts'
import type { Counters } from './counters.ts'
import type { Faults } from './faults.ts'
import { iso } from './serialize.ts'
import type { WebhookRec } from './store.ts'
import { signWebhook } from './webhook-signature.ts'

interface Delivery {
  webhookId: string
  triggerType: string
  body: string
  attempt: number
  /** The x-webflow-timestamp of the first attempt, reused by retries under `webhookRetryTimestamp: first`. */
  firstTimestamp?: string
}

interface Queue {
  pending: Delivery[]
  running: boolean
}

/**
 * Delivers webhooks asynchronously (never inside the API request), one at a time per webhook so
 * order is kept unless the reorder fault is on. A failed attempt (anything but 200, redirects,
 * timeouts, network errors) is retried webhookMaxRetries times, webhookRetryIntervalMs apart,
 * without holding up later deliveries; after the last failure the webhook is deactivated.
 */
export class WebhookDispatcher {
  private queues = new Map<string, Queue>()
  private timers = new Set<NodeJS.Timeout>()
  private inFlight = new Set<AbortController>()
  private closed = false

  constructor(
    private ctx: SimContext,
    private counters: Counters,
    private faults: Faults,
  ) {}

  dispatch(event: SimEvent): void {
    this.counters.itemEvent(event.triggerType)
    if (event.source === 'api' && !this.ctx.config.echoApiWrites) return
    const body = JSON.stringify({ triggerType: event.triggerType, payload: event.payload })
    for (const hook of this.ctx.store.webhooks.values()) {
      if (!hook.active || hook.siteId !== event.siteId || hook.triggerType !== event.triggerType) continue
      const wf = this.faults.config.webhooks
      const delivery: Delivery = { webhookId: hook.id, triggerType: event.triggerType, body, attempt: 1 }
      if (this.faults.chance(wf.loseRate)) {
        this.counters.webhooks.lost++
        this.log(delivery, 'lost', null, 'dropped by the loseRate fault')
        continue
      }
      this.enqueue(delivery)
      if (this.faults.chance(wf.duplicateRate)) {
        this.counters.webhooks.duplicated++
        this.enqueue({ ...delivery })
      }
    }
  }

  /** Resolves once nothing is queued, in flight or waiting for a retry. */
  async idle(timeoutMs = 10_000): Promise<void> {
    const start = Date.now()
    while (!this.isIdle()) {
      if (Date.now() - start > timeoutMs) throw new Error('webhook deliveries still pending')
      await new Promise((r) => setTimeout(r, 5))
    }
  }

  isIdle(): boolean {
    if (this.timers.size > 0 || this.inFlight.size > 0) return false
    for (const q of this.queues.values()) if (q.running || q.pending.length > 0) return false
    return true
  }

  close(): void {
    this.closed = true
    for (const t of this.timers) clearTimeout(t)
    this.timers.clear()
    for (const c of this.inFlight) c.abort()
    this.queues.clear()
  }

  reset(): void {
    for (const t of this.timers) clearTimeout(t)
    this.timers.clear()
    this.queues.clear()
  }

  private enqueue(delivery: Delivery): void {
    let q = this.queues.get(delivery.webhookId)
    if (!q) {
      q = { pending: [], running: false }
      this.queues.set(delivery.webhookId, q)
    }
    q.pending.push(delivery)
    if (!q.running) void this.drain(q)
  }

  private later(ms: number, fn: () => void): void {
    const t = setTimeout(() => {
      this.timers.delete(t)
      fn()
    }, ms)
    this.timers.add(t)
  }

  private async drain(q: Queue): Promise<void> {
    q.running = true
    // Let the API response go out first and let a burst of events collect (for reorder).
    await new Promise((r) => setImmediate(r))
    while (q.pending.length > 0 && !this.closed) {
      const wf = this.faults.config.webhooks
      const index = wf.reorder ? Math.floor(this.ctx.random() * q.pending.length) : 0
      const [delivery] = q.pending.splice(index, 1)
      if (!delivery) break
      if (wf.delayMs > 0) await new Promise<void>((r) => this.later(wf.delayMs, r))
      await this.attempt(delivery)
    }
    q.running = false
  }

  private async attempt(d: Delivery): Promise<void> {
    const hook = this.ctx.store.webhooks.get(d.webhookId)
    if (!hook?.active || this.closed) return
    const timestamp =
      this.ctx.config.webhookRetryTimestamp === 'first' && d.firstTimestamp
        ? d.firstTimestamp
        : String(this.ctx.now())
    d.firstTimestamp ??= timestamp
    const controller = new AbortController()
    const timer = setTimeout(() => controller.abort(), this.ctx.config.webhookTimeoutMs)
    this.inFlight.add(controller)
    this.counters.webhooks.sent++
    hook.lastTriggered = this.ctx.now()
    let status: number | null = null
    let error: string | null = null
    try {
      const res = await fetch(hook.url, {
        method: 'POST',
        redirect: 'manual',
        signal: controller.signal,
        headers: {
          'content-type': 'application/json',
          'x-webflow-timestamp': timestamp,
          'x-webflow-signature': signWebhook(hook.signingKey, timestamp, d.body),
        },
        body: d.body,
      })
      status = res.status
      await res.arrayBuffer().catch(() => undefined)
    } catch (err) {
      error = controller.signal.aborted ? 'timeout' : String((err as Error).cause ?? err)
    } finally {
      clearTimeout(timer)
      this.inFlight.delete(controller)
    }
    if (status === 200) {
      this.counters.webhooks.delivered++
      this.log(d, 'delivered', status, null)
      return
    }
    this.counters.webhooks.failed++
    this.log(d, 'failed', status, error ?? `status ${status}`)
    if (d.attempt <= this.ctx.config.webhookMaxRetries) {
      this.counters.webhooks.retried++
      this.later(this.ctx.config.webhookRetryIntervalMs, () => this.enqueue({ ...d, attempt: d.attempt + 1 }))
    } else {
      this.deactivate(hook)
    }
  }

  private deactivate(hook: WebhookRec): void {
    if (!hook.active) return
    hook.active = false
    this.counters.webhooks.deactivated++
    this.queues.delete(hook.id)
  }

  private log(
    d: Delivery,
    outcome: 'delivered' | 'failed' | 'lost',
    status: number | null,
    error: string | null,
  ) {
    this.counters.delivery({
      at: iso(this.ctx.now()),
      webhookId: d.webhookId,
      triggerType: d.triggerType,
      attempt: d.attempt,
      outcome,
      status,
      error,
    })
  }
}
