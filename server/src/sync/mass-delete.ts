/** When one run's deletes wait for a person (config: DELETE_HOLD_PERCENT / _ITEMS / _MIN_ITEMS). */
export type DeletePolicy = { percent: number; items: number; minItems: number }

/**
 * More than `items` deletes, or more than `percent` % of the link's items, is a mass delete; a run
 * of at most `minItems` never is, so everyday deletes in a small collection still flow.
 */
export function isMassDelete(deletes: number, collectionSize: number, p: DeletePolicy): boolean {
  if (deletes <= p.minItems) return false
  if (deletes > p.items) return true
  return deletes * 100 > p.percent * Math.max(collectionSize, deletes)
}
