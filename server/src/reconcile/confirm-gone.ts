import { WebflowApiError } from '../webflow/webflow-api-error'
import type { WebflowApi } from '../webflow/webflow-client'
import type { Drift } from './classify-drift'
import { eachListPage } from './webflow-snapshot'

/**
 * Drops the drifts whose Webflow item was only missed by the listing (offsets shift when items are
 * deleted while paging). A few are checked one by one; many at once re-read the staged listing,
 * whichever costs fewer requests.
 */
export async function confirmGone(
  wf: WebflowApi,
  collectionId: string,
  drifts: Drift[],
  stagedCount: number,
): Promise<Drift[]> {
  const suspects = new Set(drifts.flatMap((d) => (d.confirmGone ? [d.confirmGone] : [])))
  if (!suspects.size) return drifts
  const present = new Set<string>()
  if (suspects.size <= Math.ceil(stagedCount / 100)) {
    for (const id of suspects) {
      const exists = await wf.getItem(collectionId, id).then(
        () => true,
        (err) => {
          if (WebflowApiError.notFound(err)) return false
          throw err
        },
      )
      if (exists) present.add(id)
    }
  } else {
    await eachListPage(wf, collectionId, false, async (items) => {
      for (const item of items) if (suspects.has(item.id)) present.add(item.id)
    })
  }
  return drifts.filter((d) => !d.confirmGone || !present.has(d.confirmGone))
}
