import { type QueueInput, type QueueName, queues } from '@bindery/shared/queues'
import { type Tx, txAdapter } from '../db/pool'
import type { AppContext } from './app-context'

export type EnqueueOptions = {
  /** The transaction of the write the job belongs to: the job commits or vanishes with it. */
  tx?: Tx
  /** Seconds from now (or a date) before the job may run. */
  startAfter?: number | Date
  /** pg-boss priority, higher first: edits take their lane with it (context/lanes.ts). */
  priority?: number
}

/**
 * Sends one job to `queue`, its payload typed by the queue's schema in `shared/src/queues.ts` and
 * sent with the singleton key the registry declares for it. Returns the job id, or null when the
 * queue's policy let an already queued job absorb this one.
 */
export async function enqueue<Q extends QueueName>(
  ctx: Pick<AppContext, 'boss'>,
  queue: Q,
  payload: QueueInput<Q>,
  opts: EnqueueOptions = {},
): Promise<string | null> {
  const keyOf = queues[queue].singletonKey as ((p: QueueInput<Q>) => string | undefined) | undefined
  const singletonKey = keyOf?.(payload)
  return ctx.boss.send(queue, payload as object, {
    ...(singletonKey ? { singletonKey } : {}),
    ...(opts.startAfter !== undefined ? { startAfter: opts.startAfter } : {}),
    ...(opts.priority ? { priority: opts.priority } : {}),
    ...(opts.tx ? { db: txAdapter(opts.tx) } : {}),
  })
}
