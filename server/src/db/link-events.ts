import type { Queryable } from './pool'

/** The channel migration 0016's triggers notify with a link id when a link's summary may have changed. */
export const LINK_EVENTS_CHANNEL = 'link_events'

/** Subscribes a dedicated connection to link notifications. */
export async function listenLinkEvents(client: Queryable) {
  await client.query(`listen ${LINK_EVENTS_CHANNEL}`)
}
