import type { QueueName } from '@bindery/shared/queues'
import type { JobResult } from 'pg-boss'
import type { AppContext } from '../context/app-context'
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

/** Starts a worker for every queue that has a handler; returns a function that stops them all. */
export async function startWorkers(ctx: AppContext): Promise<() => Promise<void>> {
  const names = Object.keys(handlers) as QueueName[]
  for (const s of schedules) await ctx.boss.schedule(s.queue, s.cron, s.data)
  for (const name of names) {
    await ctx.boss.work(
      name,
      { batchSize: 20, pollingIntervalSeconds: 1, burstWhenBatchFull: true, perJobResults: true },
      async (jobs) => {
        const results: JobResult[] = []
        // One failing job fails alone; the rest of the batch completes.
        for (const job of jobs) {
          const log = ctx.log.child({ job: job.id, queue: name })
          try {
            results.push({
              id: job.id,
              status: 'completed',
              output: await runJob(name, job.data, { ...ctx, log, webflow: ctx.webflow.withLog(log) }),
            })
          } catch (err) {
            log.warn({ err }, 'job failed')
            const status = err instanceof InvalidJobPayload ? 'deadletter' : 'failed'
            results.push({ id: job.id, status, output: { message: (err as Error).message } })
          }
        }
        return results
      },
    )
  }
  return async () => {
    await Promise.all(names.map((name) => ctx.boss.offWork(name, { wait: true })))
  }
}
