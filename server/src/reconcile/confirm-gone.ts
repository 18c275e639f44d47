import { WebflowApiError } from '../webflow/webflow-api-error'
import type { WebflowApi } from '../webflow/webflow-client'
import type { Drift } from './classify-drift'
import { webflowSnapshot } from './webflow-snapshot'

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
  const suspects = drifts.filter((d) => d.confirmGone)
  if (!suspects.length) return drifts
  const present = new Set<string>()
  if (suspects.length <= Math.ceil(stagedCount / 100)) {
    for (const d of suspects) {
      const exists = await wf.getItem(collectionId, d.confirmGone!).then(
        () => true,
        (err) => {
          if (WebflowApiError.notFound(err)) return false
          throw err
        },
      )
      if (exists) present.add(d.confirmGone!)
    }
  } else {
    const again = await webflowSnapshot(wf, collectionId, { live: false })
    for (const d of suspects) if (again.staged.has(d.confirmGone!)) present.add(d.confirmGone!)
  }
  return drifts.filter((d) => !d.confirmGone || !present.has(d.confirmGone))
}
