import type {
  DeadLetterList,
  ReliabilityStatus,
  ReplayResult,
  SiteControlResult,
} from '@bindery/shared/api/admin-reliability'
import type { LinkSummary } from '@bindery/shared/api/links'
import type { SyncPlan } from '@bindery/shared/api/plans'
import type { ResyncAccepted, SiteResyncAccepted } from '@bindery/shared/api/reconcile'
import type { AdminClient } from './admin-client'
import { CliError } from './cli-error'
import { holds } from './hold-commands'
import { item } from './item-commands'
import { type CliArgs, requiredFlag } from './parse-command-line'
import { table } from './table'

export type CliIo = {
  out: (line: string) => void
  err: (line: string) => void
  sleep: (ms: number) => Promise<void>
}
type Command = (args: CliArgs, api: AdminClient, io: CliIo) => Promise<void>

const json = (args: CliArgs, io: CliIo, value: unknown) => {
  if (!args.flags.json) return false
  io.out(JSON.stringify(value, null, 2))
  return true
}

const status: Command = async (args, api, io) => {
  const site = args.flags.site
  const s = await api<ReliabilityStatus>(
    'GET',
    `/admin/api/status${site ? `?siteId=${encodeURIComponent(site)}` : ''}`,
  )
  if (json(args, io, s)) return
  if (site && !s.sites.length) throw new CliError(`no site ${site}`, 1)
  for (const x of s.sites) {
    const webhooks = !x.webhookHealth
      ? 'not checked'
      : x.webhookHealth.ok
        ? 'ok'
        : `missing ${x.webhookHealth.missing.join(', ')}`
    const breaker =
      x.breaker.state === 'closed'
        ? 'closed'
        : `${x.breaker.state} until ${x.breaker.openUntil} (${x.breaker.lastError})`
    io.out(`${x.displayName} (${x.id})${x.paused ? '  PAUSED' : ''}`)
    io.out(
      `  webhooks: ${webhooks}; breaker: ${breaker}; held jobs: ${x.heldJobs}; pending webhooks: ${x.pendingWebhooks}`,
    )
    if (!x.links.length) io.out('  no links')
    else io.out(indent(linkTable(x.links)))
    io.out('')
  }
  io.out(`dead letters: ${s.deadLetters}`)
}

const deadLetters: Command = async (args, api, io) => {
  const limit = Number(args.flags.limit ?? 50)
  if (!Number.isInteger(limit) || limit < 1) throw new CliError('--limit must be a positive integer')
  const list = await api<DeadLetterList>('GET', `/admin/api/dead-letters?limit=${limit}`)
  if (json(args, io, list)) return
  if (!list.items.length) return io.out('no dead letters')
  io.out(
    table(
      ['id', 'queue', 'failed at', 'attempts', 'error', 'payload'],
      list.items.map((d) => [
        d.id,
        d.queue,
        d.failedAt,
        d.attempts,
        clip(d.error, 60),
        clip(JSON.stringify(d.payload), 60),
      ]),
    ),
  )
  if (list.total > list.items.length) io.out(`(${list.items.length} of ${list.total}; --limit for more)`)
}

const replay: Command = async (args, api, io) => {
  const id = args.positional[0]
  if (!id && !args.flags.all) throw new CliError('replay needs a dead letter id or --all')
  if (id && args.flags.all) throw new CliError('replay takes an id or --all, not both')
  const r = await api<ReplayResult>(
    'POST',
    id ? `/admin/api/dead-letters/${encodeURIComponent(id)}/replay` : '/admin/api/dead-letters/replay',
  )
  if (json(args, io, r)) return
  io.out(
    `replayed ${r.replayed}${r.skipped ? `, skipped ${r.skipped} (the same work is already queued)` : ''}`,
  )
}

const siteControl =
  (action: 'pause' | 'resume'): Command =>
  async (args, api, io) => {
    const site = requiredFlag(args, 'site')
    const r = await api<SiteControlResult>('POST', `/admin/api/sites/${encodeURIComponent(site)}/${action}`)
    if (json(args, io, r)) return
    io.out(
      r.paused
        ? `site ${r.siteId} paused: no Webflow calls until it is resumed`
        : `site ${r.siteId} resumed: ${r.jobsReleased} held jobs released, ${r.pushesQueued} pushes queued`,
    )
  }

/**
 * Starts "Sync now" (or a full resync with --full) and shows each link's progress until it is done.
 * With --dry-run, prints what it would do instead (`resync <linkId> --dry-run`, or per link of a site).
 */
const resyncPlan: Command = async (args, api, io) => {
  const s = await api<ReliabilityStatus>('GET', '/admin/api/status')
  const linkId = args.positional[0]
  const collection = args.flags.collection
  const site = args.flags.site
  const links = s.sites.flatMap((x) =>
    x.links
      .filter(
        (l) =>
          (linkId ? l.id === linkId : !site || x.id === site) &&
          (!collection || l.hubCollectionId === collection),
      )
      .map((l) => ({ site: x.id, link: l })),
  )
  if (!links.length) throw new CliError(linkId ? `no active link ${linkId}` : 'no active links match', 1)
  const plans: SyncPlan[] = []
  for (const { site: siteId, link } of links)
    plans.push(
      await api<SyncPlan>(
        'POST',
        `/admin/api/sites/${encodeURIComponent(siteId)}/links/${link.id}/plans/resync`,
        { full: args.flags.full === true },
      ),
    )
  if (json(args, io, plans)) return
  for (const p of plans) {
    io.out(`link ${p.linkId} (${p.kind}, dry run: nothing was written)`)
    for (const side of ['webflow', 'hub'] as const) {
      const parts = Object.entries(p[side]).filter(([, n]) => n > 0)
      io.out(
        `  ${side}: ${parts.length ? parts.map(([a, n]) => `${n} to ${a}`).join(', ') : 'nothing to change'}`,
      )
    }
    io.out(`  unchanged: ${p.unchanged}, conflicts: ${p.conflicts.length}, held deletes: ${p.heldDeletes}`)
    io.out(`  cost: ${p.cost.summary}`)
  }
}

const resync: Command = async (args, api, io) => {
  if (args.flags['dry-run']) return resyncPlan(args, api, io)
  const site = encodeURIComponent(requiredFlag(args, 'site'))
  const collection = args.flags.collection
  const body = { full: args.flags.full === true }
  let accepted: ResyncAccepted[]
  if (collection) {
    const s = await api<ReliabilityStatus>('GET', `/admin/api/status?siteId=${site}`)
    const link = s.sites[0]?.links.find((l) => l.hubCollectionId === collection)
    if (!link)
      throw new CliError(
        `no active link for hub collection ${collection} on site ${decodeURIComponent(site)}`,
        1,
      )
    accepted = [await api<ResyncAccepted>('POST', `/admin/api/sites/${site}/links/${link.id}/resync`, body)]
  } else {
    accepted = (await api<SiteResyncAccepted>('POST', `/admin/api/sites/${site}/resync`, body)).links
  }
  if (args.flags['no-wait']) {
    if (!json(args, io, accepted)) io.out(`queued ${accepted.length} link resyncs`)
    return
  }
  const last = new Map<string, string>()
  let pending = accepted.map((a) => a.linkId)
  const done: LinkSummary[] = []
  while (pending.length) {
    const summaries = await Promise.all(
      pending.map((id) => api<LinkSummary>('GET', `/admin/api/sites/${site}/links/${id}`)),
    )
    for (const l of summaries) {
      const line = `${l.id}  ${l.state}  ${l.progress.done}/${l.progress.total}`
      if (!args.flags.json && last.get(l.id) !== line) io.out(line)
      last.set(l.id, line)
      if (l.state !== 'syncing' && l.state !== 'connecting') done.push(l)
    }
    pending = pending.filter((id) => !done.some((l) => l.id === id))
    if (pending.length) await io.sleep(500)
  }
  if (json(args, io, done)) return
  io.out(linkTable(done))
}

function linkTable(links: LinkSummary[]): string {
  return table(
    [
      'link',
      'hub collection',
      'webflow collection',
      'direction',
      'state',
      'progress',
      'synced',
      'pending',
      'failed',
      'conflict',
    ],
    links.map((l) => [
      l.id,
      l.hubCollectionId,
      l.webflowCollectionId,
      l.direction,
      l.state,
      `${l.progress.done}/${l.progress.total}`,
      l.counts.synced,
      l.counts.pending,
      l.counts.failed,
      l.counts.conflict,
    ]),
  )
}

const indent = (text: string) =>
  text
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n')

const clip = (s: string | null, n: number) => (s && s.length > n ? `${s.slice(0, n - 1)}…` : s)

export const commands: Record<string, Command> = {
  status,
  'dead-letters': deadLetters,
  replay,
  pause: siteControl('pause'),
  resume: siteControl('resume'),
  resync,
  holds,
  item,
}

export const USAGE = `Usage: npm run cli -- <command> [options]

Commands:
  status [--site <id>]                      sites, kill switch, breaker, webhooks, links, dead letters
  dead-letters [--limit <n>]                jobs that used up their retries
  replay <id> | --all                       send dead letters back to their queues
  pause --site <id>                         kill switch: stop every Webflow call for the site
  resume --site <id>                        let the site's held work flow again
  resync --site <id> [--collection <hubCollectionId>] [--full] [--no-wait]
                                            "Sync now" (or a full resync), with progress
  resync [<linkId>] [--site <id>] [--full] --dry-run
                                            what it would do and cost; writes nothing
  holds [--site <id>] [--link <id>] [--status held|confirmed|rejected]
                                            mass deletes waiting for a person (default: held)
  holds confirm <id>                        let a held mass delete happen
  holds reject <id>                         keep the items (restored, or pushed back to Webflow)
  item <hub id | webflow id | slug> [--site <id>] [--limit <n>] [--before <cursor>]
                                            both sides of an item, its state and its history

Options:
  --url <url>      Bindery's base URL (default $BINDERY_URL or http://localhost:3000)
  --token-file <f> a file (mode 0600) holding the admin token (or $ADMIN_TOKEN_FILE)
                   default: $ADMIN_TOKEN, else the sandbox's generated one
  --token <token>  the admin token on the command line (discouraged: shell history, ps)
  --json           machine-readable output`
