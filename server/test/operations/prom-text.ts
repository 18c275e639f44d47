/**
 * Reads a figure from Prometheus text: the sum of the samples of `name` whose labels include
 * `labels` (so `{direction:'push'}` matches whatever other labels the line has); a RegExp matches a value.
 */
export function metricValue(
  text: string,
  name: string,
  labels: Record<string, string | RegExp> = {},
): number {
  let sum = 0
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue
    const m = /^([a-zA-Z_:][\w:]*)(\{(.*)\})? (\S+)$/.exec(line)
    if (!m || m[1] !== name) continue
    const have = Object.fromEntries(
      [...(m[3] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((l) => [l[1], l[2]]),
    )
    if (
      Object.entries(labels).every(([k, v]) =>
        typeof v === 'string' ? have[k] === v : v.test(have[k] ?? ''),
      )
    )
      sum += Number(m[4])
  }
  return sum
}

/** Every metric family named in the text (its `# TYPE` lines). */
export const metricNames = (text: string) => new Set([...text.matchAll(/^# TYPE (\S+) /gm)].map((m) => m[1]!))
