/// <reference types="@webflow/designer-extension-typings" />

/**
 * The only module that touches the `webflow` global the Designer injects. Everything else talks to
 * a `Designer`, so tests and the playground can hand in their own.
 */

export type PanelSize = 'default' | 'comfortable' | 'large'
export type NoticeType = 'Error' | 'Info' | 'Success' | 'Warning'

export type SiteInfo = { siteId: string; siteName: string; shortName: string; workspaceId: string }

export interface Designer {
  getSiteInfo(): Promise<SiteInfo>
  getIdToken(): Promise<string>
  setExtensionSize(size: PanelSize): Promise<void>
  notify(type: NoticeType, message: string): Promise<void>
  /** Whether this user may change CMS content (the `canEdit` app mode). */
  canEditContent(): Promise<boolean>
  /** Calls back with the CMS item open on the canvas (null off item pages); returns unsubscribe. */
  onCurrentCmsItem(cb: (itemId: string | null) => void): () => void
  /** The locale tag the canvas shows ('fr-FR'); null when unknown (the primary is assumed). */
  currentLocaleTag?(): Promise<string | null>
}

/** The Designer's locale getter: not in the typings this build uses (see docs/webflow.md "Localization"). */
type LocaleGetter = { getCurrentLocale?: () => Promise<{ tag?: string } | null> }

/** The Designer behind the real `webflow` global. */
export function webflowDesigner(wf: WebflowApi = webflow): Designer {
  return {
    async getSiteInfo() {
      const s = await wf.getSiteInfo()
      return { siteId: s.siteId, siteName: s.siteName, shortName: s.shortName, workspaceId: s.workspaceId }
    },
    getIdToken: () => wf.getIdToken(),
    async setExtensionSize(size) {
      await wf.setExtensionSize(size)
    },
    async notify(type, message) {
      await wf.notify({ type, message })
    },
    async canEditContent() {
      const can = await wf.canForAppMode([wf.appModes.canEdit])
      return can.canEdit === true
    },
    onCurrentCmsItem(cb) {
      const unsubscribe = wf.subscribe('currentcmsitem', (id) => cb(id ?? null))
      return () => unsubscribe()
    },
    async currentLocaleTag() {
      const get = (wf as unknown as LocaleGetter).getCurrentLocale
      if (typeof get !== 'function') return null
      const locale = await get.call(wf).catch(() => null)
      return locale?.tag ?? null
    },
  }
}

/** True when the host page provided a `webflow` global (the Designer or the playground). */
export function hasWebflowGlobal(): boolean {
  return typeof (globalThis as { webflow?: unknown }).webflow === 'object'
}
