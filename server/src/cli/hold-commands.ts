import type { ReliabilityStatus } from '@bindery/shared/api/admin-reliability'
import type { DeleteHold, HoldDecision, HoldList } from '@bindery/shared/api/holds'
import type { AdminClient } from './admin-client'
import { CliError } from './cli-error'
import type { CliIo } from './commands'
import type { CliArgs } from './parse-command-line'
import { table } from './table'

/**
 * `holds [--site <id>] [--link <id>] [--status held|confirmed|rejected]`, `holds confirm <id>`,
 * `holds reject <id>`: mass deletes waiting for a person. Without --site, every site is searched.
 */
export async function holds(args: CliArgs, api: AdminClient, io: CliIo): Promise<void> {
  const [verb, id] = args.positional
  if (verb === 'confirm' || verb === 'reject') {
    if (!id) throw new CliError(`holds ${verb} needs a hold id`)
    const site = args.flags.site ?? (await siteOfHold(api, id))
    const r = await api<HoldDecision>(
      'POST',
      `/admin/api/sites/${encodeURIComponent(site)}/holds/${encodeURIComponent(id)}/${verb}`,
    )
    if (args.flags.json) return io.out(JSON.stringify(r, null, 2))
    io.out(
      `hold ${id} ${r.hold.status}: ${r.applied} of ${r.hold.items.length} items ${
        verb === 'confirm' ? 'deleted' : 'kept'
      }`,
    )
    for (const s of r.skipped) io.out(`  skipped ${s.hubItemId}: ${s.reason}`)
    return
  }
  if (verb) throw new CliError(`unknown holds command "${verb}" (confirm <id> | reject <id>)`)
  const status = args.flags.status ?? 'held'
  const list = await listAll(api, args.flags.site, args.flags.link, status)
  if (args.flags.json) return io.out(JSON.stringify(list, null, 2))
  if (!list.length) return io.out(`no ${status} deletes`)
  io.out(
    table(
      ['hold', 'site', 'link', 'deletes in', 'from', 'items', 'of', 'status', 'held at', 'e.g.'],
      list.map((h) => [
        h.id,
        h.siteId,
        h.linkId,
        h.side,
        h.source,
        h.items.length,
        h.collectionSize,
        h.status,
        h.createdAt,
        h.items
          .slice(0, 3)
          .map((i) => i.slug)
          .join(', '),
      ]),
    ),
  )
}

async function listAll(api: AdminClient, site?: string, link?: string, status?: string) {
  const sites = site ? [site] : await siteIds(api)
  const out: DeleteHold[] = []
  for (const s of sites) {
    const q = new URLSearchParams({ ...(link ? { linkId: link } : {}), ...(status ? { status } : {}) })
    out.push(...(await api<HoldList>('GET', `/admin/api/sites/${encodeURIComponent(s)}/holds?${q}`)).holds)
  }
  return out
}

async function siteOfHold(api: AdminClient, id: string): Promise<string> {
  const hold = (await listAll(api)).find((h) => h.id === id)
  if (!hold) throw new CliError(`no hold ${id}`, 1)
  return hold.siteId
}

async function siteIds(api: AdminClient): Promise<string[]> {
  return (await api<ReliabilityStatus>('GET', '/admin/api/status')).sites.map((s) => s.id)
}
