import { ConflictList, ResolveConflictRequest } from '@bindery/shared/api/conflicts'
import {
  ItemHistory,
  RestoreCollectionRequest,
  RestoreCollectionResult,
  RestoreVersionRequest,
  RestoreVersionResult,
} from '@bindery/shared/api/history'
import { HoldDecision, HoldDecisionRequest, HoldList } from '@bindery/shared/api/holds'
import {
  ConnectRequest,
  ItemSyncState,
  LinkErrors,
  LinkSummary,
  RetryAccepted,
  SiteCollections,
  UpdateLinkRequest,
} from '@bindery/shared/api/links'
import { SyncPlan } from '@bindery/shared/api/plans'
import { LinkDrift, ResyncAccepted, ResyncRequest } from '@bindery/shared/api/reconcile'
import { RemapFieldRequest } from '@bindery/shared/api/schema-drift'
import { SessionRequest, SessionResponse } from '@bindery/shared/api/session'
import { SiteStatus } from '@bindery/shared/api/site'
import { z } from 'zod'

type Contract = { body?: z.ZodType; reply?: z.ZodType }

const S = '/api/sites/[^/]+'
const L = `${S}/links/[^/]+`
const I = `${S}/webflow-items/[^/]+`
const Empty = z.strictObject({})

/**
 * The panel's routes and the shared zod contracts the server validates them with: the fake backend
 * checks every request body and every answer against these, so a test cannot pass on a payload the
 * real server would refuse or never send.
 */
const CONTRACTS: [method: string, path: string, contract: Contract][] = [
  ['POST', '/api/session', { body: SessionRequest, reply: SessionResponse }],
  ['GET', `${S}`, { reply: SiteStatus }],
  ['GET', `${S}/collections`, { reply: SiteCollections }],
  ['POST', `${S}/links`, { body: ConnectRequest, reply: LinkSummary }],
  ['POST', `${S}/plans/connect`, { body: ConnectRequest, reply: SyncPlan }],
  ['GET', `${L}`, { reply: LinkSummary }],
  ['PATCH', `${L}`, { body: UpdateLinkRequest, reply: LinkSummary }],
  ['DELETE', `${L}`, {}],
  ['GET', `${L}/errors`, { reply: LinkErrors }],
  ['GET', `${L}/drift`, { reply: LinkDrift }],
  ['POST', `${L}/resync`, { body: ResyncRequest, reply: ResyncAccepted }],
  ['POST', `${L}/plans/fields`, { body: UpdateLinkRequest, reply: SyncPlan }],
  ['POST', `${L}/plans/resync`, { body: ResyncRequest, reply: SyncPlan }],
  ['POST', `${L}/retry`, { body: Empty, reply: RetryAccepted }],
  ['POST', `${L}/items/[^/]+/retry`, { body: Empty, reply: RetryAccepted }],
  ['POST', `${L}/restore`, { body: RestoreCollectionRequest, reply: RestoreCollectionResult }],
  ['POST', `${L}/schema/remap`, { body: RemapFieldRequest, reply: LinkSummary }],
  ['POST', `${L}/schema/recreate`, { body: Empty, reply: LinkSummary }],
  ['POST', `${L}/schema/dismiss`, { body: Empty, reply: LinkSummary }],
  ['GET', `${S}/holds`, { reply: HoldList }],
  ['POST', `${S}/holds/[^/]+/(confirm|reject)`, { body: HoldDecisionRequest, reply: HoldDecision }],
  ['GET', `${S}/conflicts`, { reply: ConflictList }],
  ['POST', `${S}/conflicts/[^/]+/resolve`, { body: ResolveConflictRequest }],
  ['GET', `${I}`, { reply: ItemSyncState }],
  ['GET', `${I}/history`, { reply: ItemHistory }],
  ['POST', `${I}/restore`, { body: RestoreVersionRequest, reply: RestoreVersionResult }],
]

const compiled = CONTRACTS.map(([method, path, c]) => ({ method, re: new RegExp(`^${path}$`), ...c }))

/** The contract of `METHOD /path`, or undefined when the panel has no such route. */
export function contractOf(method: string, path: string): Contract | undefined {
  return compiled.find((c) => c.method === method && c.re.test(path))
}
