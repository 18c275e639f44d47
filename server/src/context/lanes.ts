/**
 * A push of a few hub items (an edit) is sent at this pg-boss priority: it is claimed before bulk work
 * and a worker keeps a lane for it alone (jobs/workers.ts), so an edit never queues behind other sites'
 * initial syncs (README "Scheduling").
 */
export const EDIT_PRIORITY = 1

/** At most one bulk request of items: what a person's edit, not an import, writes. */
const EDIT_MAX_ITEMS = 100

export const pushPriority = (items: number) => (items <= EDIT_MAX_ITEMS ? EDIT_PRIORITY : 0)
