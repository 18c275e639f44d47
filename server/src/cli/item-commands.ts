import type { ItemDetail, ItemHistory, ItemSearchResult } from '@bindery/shared/api/console'
import type { AdminClient } from './admin-client'
import { CliError } from './cli-error'
import type { CliIo } from './commands'
import type { CliArgs } from './parse-command-line'
import { table } from './table'

/**
 * `item <hub id | Webflow id | slug> [--site <id>] [--limit <n>] [--before <cursor>]`: finds the item
 * across sites (the console's Item lookup), prints both sides field by field, its sync state and
 * last error, and its history newest first, one page at a time.
 */
export async function item(args: CliArgs, api: AdminClient, io: CliIo): Promise<void> {
  const q = args.positional[0]
  if (!q) throw new CliError('item needs a hub item id, a Webflow item id or a slug')
  const site = args.flags.site
  const limit = Number(args.flags.limit ?? 20)
  if (!Number.isInteger(limit) || limit < 1 || limit > 200) throw new CliError('--limit must be 1 to 200')
  const before = args.flags.before
  const found = await api<ItemSearchResult>(
    'GET',
    `/admin/api/items?${new URLSearchParams({ q, ...(site ? { siteId: site } : {}) })}`,
  )
  if (!found.items.length) throw new CliError(`no item matches "${q}"`, 1)
  if (found.items.length > 1) {
    if (args.flags.json) return io.out(JSON.stringify(found, null, 2))
    io.out(`${found.items.length} items match "${q}"; narrow with --site or use a hub id:`)
    io.out(
      table(
        ['site', 'collection', 'hub id', 'webflow id', 'name', 'state'],
        found.items.map((i) => [i.siteId, i.collection, i.hubItemId, i.webflowItemId, i.name, i.state]),
      ),
    )
    return
  }
  const match = found.items[0]!
  const base = `/admin/api/sites/${encodeURIComponent(match.siteId)}/items/${match.hubItemId}`
  const [detail, history] = await Promise.all([
    api<ItemDetail>('GET', base),
    api<ItemHistory>(
      'GET',
      `${base}/history?limit=${limit}${before ? `&before=${encodeURIComponent(before)}` : ''}`,
    ),
  ])
  if (args.flags.json) return io.out(JSON.stringify({ ...detail, history }, null, 2))
  io.out(`${match.name} (${match.siteName} / ${match.collection})${match.deleted ? '  DELETED IN HUB' : ''}`)
  io.out(`  hub ${match.hubItemId}   webflow ${match.webflowItemId ?? '—'}   state ${match.state}`)
  io.out(`  last pushed ${detail.lastPushedAt ?? '—'}   last pulled ${detail.lastPulledAt ?? '—'}`)
  if (detail.lastError) io.out(`  last error: ${detail.lastError}`)
  if (detail.webflowError) io.out(`  Webflow side: ${detail.webflowError}`)
  io.out('')
  io.out(
    table(
      ['field', 'hub', 'webflow', ''],
      detail.fields.map((f) => [f.field, show(f.hub), show(f.webflow), f.differs ? 'DIFFERS' : '']),
    ),
  )
  io.out('')
  if (!history.entries.length) io.out('no history')
  else
    io.out(
      table(
        ['id', 'at', 'side', 'action', 'after', 'correlation'],
        history.entries.map((e) => [e.id, e.at, e.direction, e.action, show(e.after), e.correlationId]),
      ),
    )
  if (history.nextBefore) io.out(`(older entries: --before ${history.nextBefore})`)
}

const show = (v: unknown) => {
  const s = v === undefined || v === null ? '—' : typeof v === 'string' ? v : JSON.stringify(v)
  return s.length > 60 ? `${s.slice(0, 59)}…` : s
}
