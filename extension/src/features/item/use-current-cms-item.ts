import { useEffect, useState } from 'react'
import { usePanel } from '../../lib/panel-context'

/** The id of the CMS item open on the canvas, or null off CMS item pages. */
export function useCurrentCmsItem(): string | null {
  const { designer } = usePanel()
  const [itemId, setItemId] = useState<string | null>(null)
  useEffect(() => designer.onCurrentCmsItem(setItemId), [designer])
  return itemId
}
