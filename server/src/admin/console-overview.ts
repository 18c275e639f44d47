import type { ConsoleOverview, TokenHealth } from '@bindery/shared/api/console'
import { countDeadLetters } from '../db/boss-jobs'
import { overviewInstallations, overviewSites } from '../db/overview'
import type { Queryable } from '../db/pool'

const tokenHealthOf = (status: 'active' | 'revoked', rejected: boolean): TokenHealth =>
  status === 'revoked' ? 'revoked' : rejected ? 'needs_reinstall' : 'ok'

/** Every installation and site with what support checks first (README "Support console"). */
export async function consoleOverview(db: Queryable): Promise<ConsoleOverview> {
  const [sites, installations, deadLetters] = await Promise.all([
    overviewSites(db),
    overviewInstallations(db),
    countDeadLetters(db),
  ])
  return {
    generatedAt: new Date().toISOString(),
    deadLetters,
    installations: installations.map((i) => ({
      id: i.id,
      status: i.status,
      tokenHealth: tokenHealthOf(i.status, i.tokenRejected),
      authorizedEmail: i.authorizedEmail,
      siteCount: i.siteCount,
      revokedAt: i.revokedAt?.toISOString() ?? null,
    })),
    sites: sites.map((s) => ({
      id: s.id,
      displayName: s.displayName,
      installationId: s.installationId,
      paused: s.paused,
      tokenHealth: tokenHealthOf(s.installationStatus, s.tokenRejected),
      webhookHealth: (s.webhookHealth as ConsoleOverview['sites'][number]['webhookHealth']) ?? null,
      breaker: {
        state: s.breakerState ?? 'closed',
        failures: s.breakerFailures ?? 0,
        openUntil: s.breakerOpenUntil?.toISOString() ?? null,
        lastError: s.breakerLastError,
      },
      heldJobs: s.heldJobs,
      pendingWebhooks: s.pendingWebhooks,
      heldDeletes: s.heldDeletes,
      openConflicts: s.openConflicts,
      failedItems: s.failedItems,
      links: s.links,
      lastReconcileAt: s.lastReconcileAt?.toISOString() ?? null,
    })),
  }
}
