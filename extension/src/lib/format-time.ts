/** "just now", "5 min ago", "3 h ago", else a short date: enough to tell how fresh a sync is. */
export function formatTime(iso: string | null, now = Date.now()): string {
  if (!iso) return 'never'
  const at = Date.parse(iso)
  if (Number.isNaN(at)) return 'unknown'
  const s = Math.round((now - at) / 1000)
  if (s < 45) return 'just now'
  if (s < 3600) return `${Math.round(s / 60)} min ago`
  if (s < 86_400) return `${Math.round(s / 3600)} h ago`
  return new Date(at).toLocaleDateString(undefined, { month: 'short', day: 'numeric' })
}
