/**
 * Values that become `href`/`src` on a published page must not run code. Only these schemes pass:
 * `web` for media (image, file, video) and `link` for Link fields, which also open mail and phone.
 */
export const URL_SCHEMES = {
  web: ['http:', 'https:'],
  link: ['http:', 'https:', 'mailto:', 'tel:'],
} as const
export type UrlKind = keyof typeof URL_SCHEMES

// Browsers drop control characters and surrounding whitespace before reading the scheme
// (`java\tscript:`), so a value carrying them is refused rather than guessed at.
const hasControlOrEdgeSpace = (value: string) =>
  value !== value.trim() || [...value].some((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f)

/** Why `value` is not a safe URL of this kind, or undefined when it is. */
export function unsafeUrlReason(value: string, kind: UrlKind): string | undefined {
  const allowed: readonly string[] = URL_SCHEMES[kind]
  const schemes = allowed.map((s) => s.slice(0, -1)).join(', ')
  if (hasControlOrEdgeSpace(value)) return 'must not contain control characters or surrounding spaces'
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return `must be an absolute URL (${schemes})`
  }
  if (!allowed.includes(url.protocol)) return `the scheme "${url.protocol}" is not allowed (only ${schemes})`
  if ((url.protocol === 'http:' || url.protocol === 'https:') && !url.hostname) return 'must name a host'
  if ((url.protocol === 'mailto:' || url.protocol === 'tel:') && url.pathname.length === 0)
    return `${url.protocol} needs an address`
  return undefined
}

export const isSafeUrl = (value: string, kind: UrlKind) => unsafeUrlReason(value, kind) === undefined
