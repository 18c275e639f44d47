import type { QueueName } from '@bindery/shared/queues'
import type { JobResult, JobWithMetadata, WorkOptions } from 'pg-boss'
import type { AppContext } from '../context/app-context'
import { enqueue } from '../context/enqueue'
import { EDIT_PRIORITY } from '../context/lanes'
import { BudgetWait, yieldingAfter } from '../webflow/budget-scope'
import { handlers, InvalidJobPayload, runJob } from './handlers'

/** Cron schedules owned by the workers (pg-boss keeps one per name across every process). */
const schedules: { queue: QueueName; cron: string; data: object }[] = [
  { queue: 'maintenance-prune', cron: '17 3 * * *', data: { olderThanDays: 30 } },
  // The sweep behind the inbox NOTIFY: a lost wake-up only delays; failed rows get their retries.
  { queue: 'inbox-process', cron: '* * * * *', data: { retryFailed: true } },
  { queue: 'webhooks-check', cron: '*/15 * * * *', data: {} },
  // Queues a reconcile for each link whose interval (RECONCILE_INTERVAL_MINUTES) has elapsed.
  { queue: 'reconcile-due', cron: '* * * * *', data: {} },
  // The console's chart samples, and the alert check (docs/runbooks.md).
  { queue: 'metrics-sample', cron: '* * * * *', data: {} },
  { queue: 'alerts-check', cron: '* * * * *', data: {} },
]

/**
 * The work of one site (or link), paced by its token: each of these queues runs up to
 * WORKER_CONCURRENCY jobs at once, one per pg-boss worker loop, so a long job holds one slot and
 * never the jobs behind it (README "Scheduling").
 */
const SITE_WORK: QueueName[] = ['link-push', 'link-connect', 'link-resync', 'link-reconcile', 'site-publish']

/**
 * Jobs that start over cheaply (a push's progress is its items' dirty flags): when the next Webflow
 * call would wait longer than this for the token's budget, the job gives its slot back and is
 * scheduled again for when the budget allows. Connects, resyncs and reconciles would lose their
 * place in the collection, so they wait where they are, holding one slot each.
 */
const YIELDING: QueueName[] = ['link-push']
const MAX_BUDGET_WAIT_MS = 2_000

/** Starts a worker for every queue that has a handler; returns a function that stops them all. */
export async function startWorkers(ctx: AppContext): Promise<() => Promise<void>> {
  const names = Object.keys(handlers) as QueueName[]
  for (const s of schedules) await ctx.boss.schedule(s.queue, s.cron, s.data)
  for (const name of names) {
    const work = (options: WorkOptions) =>
      ctx.boss.work(name, { ...options, includeMetadata: true, perJobResults: true }, async (jobs) => {
        // A batch's jobs one after another; a failing job fails alone, the rest complete.
        const results: JobResult[] = []
        for (const job of jobs) results.push(await settle(ctx, name, job))
        return results
      })
    if (!SITE_WORK.includes(name)) {
      // Global sweeps and deliveries: batches, one job after another.
      await work({ batchSize: 20, pollingIntervalSeconds: 1, burstWhenBatchFull: true })
      continue
    }
    const one = {
      batchSize: 1,
      pollingIntervalSeconds: 2,
      // Yielded jobs come due without a NOTIFY: the backstop poll finds them.
      notifyPollingIntervalSeconds: 2,
      // A loop that just finished a job takes the next at once while the queue has more.
      burstWhenReadyExceeds: 1,
    }
    await work({ ...one, localConcurrency: ctx.config.workerConcurrency })
    // The edit lane: a slot only edits take, so one never waits behind bulk work (context/lanes.ts).
    if (name === 'link-push') await work({ ...one, localConcurrency: 1, minPriority: EDIT_PRIORITY })
  }
  return async () => {
    await Promise.all(names.map((name) => ctx.boss.offWork(name, { wait: true })))
  }
}

/** Runs one job to its result. */
async function settle(ctx: AppContext, name: QueueName, job: JobWithMetadata<unknown>): Promise<JobResult> {
  const log = ctx.log.child({ job: job.id, queue: name })
  const run = () => runJob(name, job.data, { ...ctx, log, webflow: ctx.webflow.withLog(log) })
  log.debug({ priority: job.priority, retryCount: job.retryCount }, 'job started')
  try {
    const output = YIELDING.includes(name) ? await yieldingAfter(MAX_BUDGET_WAIT_MS, run) : await run()
    log.debug({ output }, 'job completed')
    return { id: job.id, status: 'completed', output }
  } catch (err) {
    if (err instanceof BudgetWait)
      return { id: job.id, status: 'completed', output: await later(ctx, name, job, err) }
    log.warn({ err }, 'job failed')
    const status = err instanceof InvalidJobPayload ? 'deadletter' : 'failed'
    return { id: job.id, status, output: { message: (err as Error).message } }
  }
}

/**
 * The job gives its slot back: the same job is sent again (same key and priority) for when its token's
 * budget allows. A job already queued for the key absorbs it, as any send of a stately queue.
 */
async function later(ctx: AppContext, name: QueueName, job: JobWithMetadata<unknown>, wait: BudgetWait) {
  const startAfter = Math.ceil(wait.waitMs / 1000)
  await enqueue(ctx, name, job.data as never, { startAfter, priority: job.priority })
  ctx.log.debug({ job: job.id, queue: name, startAfter }, 'job gave its slot back until its budget allows')
  return { waitingForBudgetSeconds: startAfter }
}
