import type { SiteControlResult } from '@bindery/shared/api/admin-reliability'
import type { Boss } from '../context/boss'
import { enqueue } from '../context/enqueue'
import { appendAudit } from '../db/audit-log'
import { pushingLinksOfSite } from '../db/links'
import { type Db, inTransaction } from '../db/pool'
import { lockSitePaused, setSitePausedFlag } from '../db/sites'
import { notFound } from '../vocabulary/app-error'
import { releaseHeldJobs } from './release-held-jobs'

type Actor = { by: 'admin' | 'designer'; userId?: string }

/**
 * The kill switch. Pausing stops every Webflow call for the site at once (webflow.forSite refuses,
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
      for (const id of links) await enqueue({ boss }, 'link-push', { linkId: id }, { tx })
      pushesQueued = links.length
      await enqueue({ boss }, 'inbox-process', {}, { tx })
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
