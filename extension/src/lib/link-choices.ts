import type { DeleteMode, LinkSummary } from '@bindery/shared/api/links'

type LinkDirection = LinkSummary['direction']
type ConflictPolicy = LinkSummary['conflictPolicy']

/** A choice a designer makes about a link, explained in one line. */
export type Choice<T extends string> = { value: T; title: string; detail: string }

export const DIRECTIONS: Choice<LinkDirection>[] = [
  { value: 'two-way', title: 'Two-way', detail: 'Edits on either side reach the other.' },
  {
    value: 'push-only',
    title: 'Hub → Webflow',
    detail: 'The hub is the source; edits made in Webflow are overwritten.',
  },
  {
    value: 'pull-only',
    title: 'Webflow → hub',
    detail: 'Webflow is the source; the hub follows and never writes to Webflow.',
  },
]

export const POLICIES: Choice<ConflictPolicy>[] = [
  {
    value: 'newest',
    title: 'Newest wins',
    detail: 'When both sides changed a field, the later edit is kept.',
  },
  { value: 'hub', title: 'Hub wins', detail: 'When both sides changed a field, the hub’s value is kept.' },
  {
    value: 'webflow',
    title: 'Webflow wins',
    detail: 'When both sides changed a field, Webflow’s value is kept.',
  },
  {
    value: 'review',
    title: 'Hold for review',
    detail: 'The item waits, untouched, until someone picks a side here.',
  },
]

export const DELETE_MODES: Choice<DeleteMode>[] = [
  { value: 'delete', title: 'Delete', detail: 'A delete on one side deletes the item on the other.' },
  {
    value: 'archive',
    title: 'Archive instead',
    detail: 'A delete on one side archives the item on the other; nothing is lost.',
  },
  {
    value: 'hold',
    title: 'Hold for review',
    detail: 'A delete waits here until someone confirms it; rejecting brings the item back.',
  },
]

export const FIRST_MATCH: Choice<'webflow' | 'hub'>[] = [
  {
    value: 'webflow',
    title: 'Keep Webflow’s values',
    detail: 'Items found on both sides take Webflow’s content.',
  },
  {
    value: 'hub',
    title: 'Keep the hub’s values',
    detail: 'Items found on both sides take the hub’s content.',
  },
]

/** Why "publish the site" reaches further than the collection. */
export const PUBLISH_SITE_NOTE =
  'Publishes the whole site, custom domains included, at most once a minute, so other unpublished Designer changes go live too.'

export const labelOf = <T extends string>(choices: Choice<T>[], value: T): string =>
  choices.find((c) => c.value === value)?.title ?? value
