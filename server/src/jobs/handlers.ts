import { type QueueName, queues } from '@bindery/shared/queues'
import type { AppContext } from '../context/app-context'
import { holdJob } from '../db/held-jobs'
import { SitePausedError } from '../webflow/site-paused'
import { TokenRejectedError } from '../webflow/token-rejected'
import * as alertDeliver from './alert-deliver'
import * as alertsCheck from './alerts-check'
import * as inboxProcess from './inbox-process'
import * as linkConnect from './link-connect'
import * as linkPush from './link-push'
import * as linkReconcile from './link-reconcile'
import * as linkResync from './link-resync'
import * as maintenancePrune from './maintenance-prune'
import * as metricsSample from './metrics-sample'
import * as reconcileDue from './reconcile-due'
import * as sitePublish from './site-publish'
import * as webhooksCheck from './webhooks-check'

type Handler = (data: never, ctx: AppContext) => Promise<unknown>
type HandlerModule = { queue: QueueName; handle: Handler }

/** Queue name → its handler. One file per job, named after its queue. */
export const handlers: Partial<Record<QueueName, Handler>> = Object.fromEntries(
  (
    [
      maintenancePrune,
      inboxProcess,
      webhooksCheck,
      linkPush,
      linkConnect,
      linkResync,
      linkReconcile,
      reconcileDue,
      sitePublish,
      metricsSample,
      alertsCheck,
      alertDeliver,
    ] as HandlerModule[]
  ).map((m) => [m.queue, m.handle]),
)

/**
 * Parses the payload with the queue's schema (old or foreign jobs exist), then runs the handler.
 * A job that meets its site's kill switch, or a token Webflow refuses, is held for the site's resume
 * or reinstall, and completes.
 */
export async function runJob(name: QueueName, data: unknown, ctx: AppContext): Promise<unknown> {
  const handler = handlers[name]
  if (!handler) throw new Error(`no handler for queue ${name}`)
  const parsed = queues[name].schema.safeParse(data ?? {})
  if (!parsed.success) throw new InvalidJobPayload(`invalid payload for ${name}: ${parsed.error.message}`)
  try {
    return await handler(parsed.data as never, ctx)
  } catch (err) {
    if (!(err instanceof SitePausedError || err instanceof TokenRejectedError)) throw err
    await holdJob(ctx.db, err.siteId, name, parsed.data)
    return { held: err.message }
  }
}

/** A payload no retry can fix: the job goes straight to the dead letters. */
export class InvalidJobPayload extends Error {}
