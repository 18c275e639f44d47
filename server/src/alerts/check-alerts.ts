import type { Config } from '../config'
import type { Boss } from '../context/boss'
import { enqueue } from '../context/enqueue'
import { readAlertFacts } from '../db/alert-conditions'
import {
  listOpenIncidents,
  markNotified,
  openIncident,
  resolveIncident,
  touchIncident,
} from '../db/alert-incidents'
import { listRejectedInstallations } from '../db/installation-credentials'
import { type Db, inTransaction, lockForTransaction, type Tx } from '../db/pool'
import { activeConditions, notifyAfterMinutes } from './conditions'
import { decideIncidents } from './decide-incidents'

/**
 * Compares what Postgres shows with the open incidents and applies the decision: opens, keeps and
 * resolves incidents, and queues each message (`alert-deliver`) in the same transaction, so an
 * incident and its message commit together. Serialised by an advisory lock: two checks at once
 * (several workers) would otherwise both see an incident as new or cleared.
 */
export async function checkAlerts(db: Db, boss: Boss, config: Config) {
  return inTransaction(db, async (tx) => {
    await lockForTransaction(tx, 4270014)
    const facts = await readAlertFacts(tx, { driftItems: config.alerts.driftItems })
    const rejected = await listRejectedInstallations(tx)
    const open = await listOpenIncidents(tx)
    const plan = decideIncidents(open, activeConditions(facts, rejected, config.alerts), new Date(), (kind) =>
      notifyAfterMinutes(kind, config.alerts),
    )
    const sent = { opened: 0, resolved: 0 }
    for (const { condition, notify } of plan.open) {
      const incident = await openIncident(tx, { ...condition, notified: notify })
      if (incident && notify) sent.opened += await deliver(tx, boss, config, incident.id, 'opened')
    }
    for (const { id, condition } of plan.keep)
      await touchIncident(tx, id, condition.summary, condition.details)
    for (const id of plan.notify) {
      if (await markNotified(tx, id)) sent.opened += await deliver(tx, boss, config, id, 'opened')
    }
    for (const { id, notify } of plan.resolve) {
      if ((await resolveIncident(tx, id)) && notify)
        sent.resolved += await deliver(tx, boss, config, id, 'resolved')
    }
    return { open: plan.open.length + plan.keep.length, cleared: plan.resolve.length, sent }
  })
}

/** Queues the message when there is somewhere to send it; the incident is stored either way. */
async function deliver(tx: Tx, boss: Boss, config: Config, incidentId: string, event: 'opened' | 'resolved') {
  if (!config.alerts.webhookUrl) return 0
  await enqueue({ boss }, 'alert-deliver', { incidentId, event }, { tx })
  return 1
}
