/** A field value as a designer would read it: text as is, anything else as compact JSON. */
export function showValue(v: unknown): string {
  if (v === null || v === undefined || v === '') return '—'
  if (typeof v === 'string')
    return (
      v
        .replace(/<[^>]+>/g, ' ')
        .replace(/\s+/g, ' ')
        .trim() || '—'
    )
  if (typeof v === 'object' && v && 'url' in v) return String((v as { url: unknown }).url)
  return JSON.stringify(v)
}
