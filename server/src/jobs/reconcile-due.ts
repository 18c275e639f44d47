import type { QueuePayload } from '@bindery/shared/queues'
import type { JobContext } from './job-context'

export const queue = 'reconcile-due'

/**
 * Queues a scheduled reconcile for every link whose last reconcile (or creation) is older than
 * `reconcileIntervalMinutes`: live links of sites that are not paused. Runs every minute; the
 * per-link singleton keeps a slow reconcile from being queued twice.
 */
export async function handle(_data: QueuePayload<typeof queue>, ctx: JobContext) {
  const { rows } = await ctx.db.query<{ id: string }>(
    `select l.id from links l join sites s on s.id = l.site_id
     where l.disconnected_at is null and l.state in ('live', 'error') and not s.paused
       and greatest(l.created_at, (select max(d.started_at) from drift_reports d where d.link_id = l.id))
         < now() - make_interval(mins => $1)
     order by l.created_at`,
    [ctx.config.reconcileIntervalMinutes],
  )
  let queued = 0
  for (const { id } of rows) {
    const job = await ctx.boss.send(
      'link-reconcile',
      { linkId: id, trigger: 'scheduled' },
      { singletonKey: id },
    )
    if (job) queued++
  }
  return { due: rows.length, queued }
}
