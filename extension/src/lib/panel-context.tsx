import { createContext, type ReactNode, useContext } from 'react'
import type { ApiClient } from './api-client'
import type { Designer } from './designer'

/** What every feature needs once the session is open: the Designer, the API client and the site. */
export type Panel = {
  designer: Designer
  api: ApiClient
  siteId: string
  siteName: string
  user: { name: string; email: string }
  /** False for users whose abilities don't allow CMS changes: the panel is read-only. */
  canEdit: boolean
  /** Why a read-only user cannot change anything, one sentence. */
  readOnlyReason: string
}

const PanelContext = createContext<Panel | null>(null)

export function PanelProvider({ value, children }: { value: Panel; children: ReactNode }) {
  return <PanelContext.Provider value={value}>{children}</PanelContext.Provider>
}

export function usePanel(): Panel {
  const panel = useContext(PanelContext)
  if (!panel) throw new Error('usePanel outside PanelProvider')
  return panel
}
