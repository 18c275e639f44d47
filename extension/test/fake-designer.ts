import { vi } from 'vitest'
import type { Designer } from '../src/lib/designer'

export const SITE = { siteId: 'site-1', siteName: 'Demo Site', shortName: 'demo-site', workspaceId: 'ws-1' }

/** A Designer for tests: records calls, and `emitCmsItem` plays the canvas switching items. */
export function fakeDesigner(opts: { canEdit?: boolean; locale?: string } = {}) {
  const listeners = new Set<(id: string | null) => void>()
  const designer = {
    getSiteInfo: vi.fn(async () => SITE),
    getIdToken: vi.fn(async () => 'id-token-1'),
    setExtensionSize: vi.fn(async () => {}),
    notify: vi.fn(async () => {}),
    canEditContent: vi.fn(async () => opts.canEdit ?? true),
    onCurrentCmsItem: vi.fn((cb: (id: string | null) => void) => {
      listeners.add(cb)
      return () => listeners.delete(cb)
    }),
    currentLocaleTag: vi.fn(async () => opts.locale ?? null),
  } satisfies Designer
  return {
    designer,
    emitCmsItem: (id: string | null) => {
      for (const cb of listeners) cb(id)
    },
  }
}
