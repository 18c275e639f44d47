import type { SiteControlResult } from '@bindery/shared/api/admin-reliability'
import { appendAudit } from '../db/audit-log'
import { pushingLinksOfSite } from '../db/links'
import { type Db, inTransaction, txAdapter } from '../db/pool'
import { lockSitePaused, setSitePausedFlag } from '../db/sites'
import { notFound } from '../http/app-error'
import type { Boss } from '../jobs/boss'
import { enqueuePush } from '../sync/mark-dirty'
import { releaseHeldJobs } from './release-held-jobs'

type Actor = { by: 'admin' | 'designer'; userId?: string }

/**
 * The kill switch. Pausing stops every Webflow call for the site at once (webflowForSite refuses,
 * jobs hold their work, the inbox keeps the site's webhooks pending); nothing is lost. Resuming
 * sends the held jobs again, queues a push for every link so dirty items flow, and wakes the inbox.
 */
export async function setSitePaused(db: Db, boss: Boss, siteId: string, paused: boolean, actor: Actor) {
  return inTransaction(db, async (tx): Promise<SiteControlResult> => {
    const wasPaused = await lockSitePaused(tx, siteId)
    if (wasPaused === null) throw notFound('site')
    await setSitePausedFlag(tx, siteId, paused)
    let jobsReleased = 0
    let pushesQueued = 0
    if (!paused) {
      jobsReleased = await releaseHeldJobs(tx, boss, siteId)
      const links = await pushingLinksOfSite(tx, siteId)
      for (const id of links) await enqueuePush(tx, boss, id)
      pushesQueued = links.length
      await boss.send('inbox-process', {}, { singletonKey: 'inbox', db: txAdapter(tx) })
    }
    await appendAudit(tx, [
      {
        direction: 'admin',
        action: paused ? 'site.paused' : 'site.resumed',
        siteId,
        subjectType: 'site',
        subjectId: siteId,
        before: { paused: wasPaused },
        after: { paused, ...actor },
      },
    ])
    return { siteId, paused, jobsReleased, pushesQueued }
  })
}
