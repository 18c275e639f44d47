import { type QueueName, queues } from '@bindery/shared/queues'
import * as inboxProcess from './inbox-process'
import type { JobContext } from './job-context'
import * as linkConnect from './link-connect'
import * as linkPush from './link-push'
import * as maintenancePrune from './maintenance-prune'
import * as webhooksCheck from './webhooks-check'

type Handler = (data: never, ctx: JobContext) => Promise<unknown>
type HandlerModule = { queue: QueueName; handle: Handler }

/** Queue name → its handler. One file per job, named after its queue. */
export const handlers: Partial<Record<QueueName, Handler>> = Object.fromEntries(
  ([maintenancePrune, inboxProcess, webhooksCheck, linkPush, linkConnect] as HandlerModule[]).map((m) => [
    m.queue,
    m.handle,
  ]),
)

/** Parses the payload with the queue's schema (old or foreign jobs exist), then runs the handler. */
export async function runJob(name: QueueName, data: unknown, ctx: JobContext): Promise<unknown> {
  const handler = handlers[name]
  if (!handler) throw new Error(`no handler for queue ${name}`)
  const parsed = queues[name].schema.safeParse(data ?? {})
  if (!parsed.success) throw new InvalidJobPayload(`invalid payload for ${name}: ${parsed.error.message}`)
  return handler(parsed.data as never, ctx)
}

/** A payload no retry can fix: the job goes straight to the dead letters. */
export class InvalidJobPayload extends Error {}
