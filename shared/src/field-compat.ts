import { type HubFieldType, hubTypeOf, WEBFLOW_TYPE_OF } from './hub'

/** What the rule needs of a hub field. */
export type HubFieldShape = {
  slug: string
  type: HubFieldType
  /** select: the hub's option names. */
  options?: string[]
  /** reference / multiReference: the Webflow collection its hub collection is linked to, if any. */
  referencesWebflowCollection?: string | null
}

/** What the rule needs of a Webflow field. */
export type WebflowFieldShape = {
  slug: string
  type: string
  /** Option: the option names Webflow has. */
  options?: string[]
  /** Reference / MultiReference: the collection it points at. */
  collectionId?: string | null
}

export type Compatibility = { ok: true } | { ok: false; reason: string }

const BUILT_IN = new Set(['name', 'slug'])

/**
 * Whether a hub field and a Webflow field can be paired, and if not, why in one sentence a designer
 * understands. The rule is the type map of the design (text ↔ PlainText, …): values travel unchanged
 * both ways, so only the one Webflow type that holds exactly the hub type's values pairs with it.
 * The panel shows it while pairing; the server applies it on Connect and on a change of fields.
 */
export function fieldCompatibility(hub: HubFieldShape, webflow: WebflowFieldShape): Compatibility {
  if (BUILT_IN.has(hub.slug) || BUILT_IN.has(webflow.slug))
    return no('name and slug are always synced with each other')
  const expected = WEBFLOW_TYPE_OF[hub.type]
  if (webflow.type !== expected) {
    const theirs = hubTypeOf(webflow.type)
    if (!theirs) return no(`Bindery cannot sync Webflow ${webflow.type} fields`)
    return no(
      `a hub ${hub.type} field pairs with a Webflow ${expected} field, not ${webflow.type}${why(hub.type, theirs)}`,
    )
  }
  if (hub.type === 'select') {
    const missing = (hub.options ?? []).filter((o) => !(webflow.options ?? []).includes(o))
    if (missing.length)
      return no(`Webflow lacks the options ${missing.join(', ')} (add them in the Designer first)`)
  }
  if (hub.type === 'reference' || hub.type === 'multiReference') {
    if (!hub.referencesWebflowCollection)
      return no('the referenced hub collection is not connected yet: connect it first')
    if (webflow.collectionId !== hub.referencesWebflowCollection)
      return no('the Webflow field references another collection than the one linked to the hub’s')
  }
  return { ok: true }
}

const no = (reason: string): Compatibility => ({ ok: false, reason })

/** A hint for the pairs people most often try. */
function why(hub: HubFieldType, webflow: HubFieldType): string {
  const texty = new Set<HubFieldType>(['text', 'email', 'phone', 'link', 'color', 'video'])
  if (texty.has(hub) && texty.has(webflow))
    return `: Webflow checks ${webflow} values, and a hub ${hub} may hold values it refuses`
  if ((hub === 'text' && webflow === 'richText') || (hub === 'richText' && webflow === 'text'))
    return ': rich text carries markup that plain text would show or lose'
  if ((hub === 'image' && webflow === 'images') || (hub === 'images' && webflow === 'image'))
    return ': one image and a gallery of images hold different values'
  if (
    (hub === 'reference' && webflow === 'multiReference') ||
    (hub === 'multiReference' && webflow === 'reference')
  )
    return ': one reference and a list of references hold different values'
  return ''
}
