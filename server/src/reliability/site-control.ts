import type { SiteControlResult } from '@bindery/shared/api/admin-reliability'
import { appendAudit } from '../db/audit-log'
import { type Db, inTransaction } from '../db/pool'
import { notFound } from '../http/app-error'
import type { Boss } from '../jobs/boss'
import { enqueuePush, txAdapter } from '../sync/mark-dirty'
import { releaseHeldJobs } from './hold-job'

type Actor = { by: 'admin' | 'designer'; userId?: string }

/**
 * The kill switch. Pausing stops every Webflow call for the site at once (webflowForSite refuses,
 * jobs hold their work, the inbox keeps the site's webhooks pending); nothing is lost. Resuming
 * sends the held jobs again, queues a push for every link so dirty items flow, and wakes the inbox.
 */
export async function setSitePaused(db: Db, boss: Boss, siteId: string, paused: boolean, actor: Actor) {
  return inTransaction(db, async (tx): Promise<SiteControlResult> => {
    const { rows } = await tx.query<{ paused: boolean }>(
      'select paused from sites where id = $1 for update',
      [siteId],
    )
    if (!rows[0]) throw notFound('site')
    await tx.query('update sites set paused = $2, updated_at = now() where id = $1', [siteId, paused])
    let jobsReleased = 0
    let pushesQueued = 0
    if (!paused) {
      jobsReleased = await releaseHeldJobs(tx, boss, siteId)
      const links = await tx.query<{ id: string }>(
        `select id from links where site_id = $1 and disconnected_at is null and direction <> 'pull-only'`,
        [siteId],
      )
      for (const l of links.rows) await enqueuePush(tx, boss, l.id)
      pushesQueued = links.rows.length
      await boss.send('inbox-process', {}, { singletonKey: 'inbox', db: txAdapter(tx) })
    }
    await appendAudit(tx, [
      {
        direction: 'admin',
        action: paused ? 'site.paused' : 'site.resumed',
        siteId,
        subjectType: 'site',
        subjectId: siteId,
        before: { paused: rows[0].paused },
        after: { paused, ...actor },
      },
    ])
    return { siteId, paused, jobsReleased, pushesQueued }
  })
}
