import {
  DRIFT_CLASSES,
  type DriftClass,
  type DriftCounts,
  type DriftReport,
  type DriftSample,
  type ReconcileTrigger,
} from '@bindery/shared/api/reconcile'
import type { SchemaDrift } from '@bindery/shared/api/schema-drift'
import type { Queryable } from './pool'

const COLUMNS = `id, link_id, trigger, status, started_at, finished_at, webflow_items, hub_items, requests,
  found, repaired, samples, held, schema, error`

export function zeroCounts(): DriftCounts {
  return Object.fromEntries(DRIFT_CLASSES.map((c) => [c, 0])) as DriftCounts
}

// biome-ignore lint/suspicious/noExplicitAny: a raw row from pg
function toReport(r: any): DriftReport {
  return {
    id: String(r.id),
    linkId: r.link_id,
    trigger: r.trigger,
    status: r.status,
    startedAt: r.started_at.toISOString(),
    finishedAt: r.finished_at?.toISOString() ?? null,
    webflowItems: r.webflow_items,
    hubItems: r.hub_items,
    requests: r.requests,
    found: { ...zeroCounts(), ...r.found },
    repaired: { ...zeroCounts(), ...r.repaired },
    samples: r.samples,
    held: r.held,
    schema: r.schema ?? [],
    error: r.error,
  }
}

export async function startReport(
  db: Queryable,
  link: { id: string; siteId: string },
  trigger: ReconcileTrigger,
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    'insert into drift_reports (link_id, site_id, trigger) values ($1, $2, $3) returning id',
    [link.id, link.siteId, trigger],
  )
  return String(rows[0]!.id)
}

export type ReportResult = {
  webflowItems: number
  hubItems: number
  requests: number
  found: DriftCounts
  repaired: DriftCounts
  samples: Partial<Record<DriftClass, DriftSample[]>>
  /** Repairs a held mass delete kept back. */
  held?: number
  schema?: SchemaDrift[]
  error?: string
}

export async function finishReport(db: Queryable, id: string, r: ReportResult) {
  await db.query(
    `update drift_reports set status = $2, finished_at = now(), webflow_items = $3, hub_items = $4, requests = $5,
       found = $6, repaired = $7, samples = $8, error = $9, held = $10, schema = $11 where id = $1`,
    [
      id,
      r.error ? 'failed' : 'done',
      r.webflowItems,
      r.hubItems,
      r.requests,
      JSON.stringify(r.found),
      JSON.stringify(r.repaired),
      JSON.stringify(r.samples),
      r.error?.slice(0, 2000) ?? null,
      r.held ?? 0,
      JSON.stringify(r.schema ?? []),
    ],
  )
}

export async function latestReport(db: Queryable, linkId: string): Promise<DriftReport | null> {
  const { rows } = await db.query(
    `select ${COLUMNS} from drift_reports where link_id = $1 order by started_at desc, id desc limit 1`,
    [linkId],
  )
  return rows[0] ? toReport(rows[0]) : null
}

/** The latest report of every active link of a site (null for links never reconciled). */
export async function latestReportsOfSite(db: Queryable, siteId: string) {
  const { rows } = await db.query(
    `select l.id as of_link, r.* from links l
     left join lateral (
       select ${COLUMNS} from drift_reports d where d.link_id = l.id order by started_at desc, id desc limit 1
     ) r on true
     where l.site_id = $1 and l.disconnected_at is null order by l.created_at`,
    [siteId],
  )
  return rows.map((r) => ({ linkId: r.of_link as string, report: r.id ? toReport(r) : null }))
}

/** The link's latest reconcile as its summary shows it: when, why, how it ended, how much drift it found. */
export async function lastReconcileOf(
  db: Queryable,
  linkId: string,
): Promise<{
  at: Date
  trigger: ReconcileTrigger
  status: 'running' | 'done' | 'failed'
  drift: number
} | null> {
  const { rows } = await db.query<{
    started_at: Date
    trigger: ReconcileTrigger
    status: 'running' | 'done' | 'failed'
    drift: number
  }>(
    `select started_at, trigger, status,
       (select coalesce(sum(value::int), 0)::int from jsonb_each_text(found)) as drift
     from drift_reports where link_id = $1 order by started_at desc, id desc limit 1`,
    [linkId],
  )
  const r = rows[0]
  return r ? { at: r.started_at, trigger: r.trigger, status: r.status, drift: r.drift } : null
}
