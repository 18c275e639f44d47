import type { WebflowErrorDetail } from '@bindery/shared/webflow'

/** What a 400 on a bulk write says: its message and the details that may name items by index. */
export type BatchRefusal = { message: string; details: WebflowErrorDetail[] }

/**
 * What to do with a bulk write Webflow refused with a 400: when the refusal names items
 * (`items[3].fieldData.slug`) those fail alone, each with its own reason, and the rest is sent again;
 * when it names none, the batch is halved until it does (a batch of one is its own culprit).
 */
export type Bisection<T> =
  | { kind: 'halve'; halves: [T[], T[]] }
  | { kind: 'culprits'; culprits: { item: T; reason: string }[]; rest: T[] }

export function bisectRefused<T>(batch: T[], refusal: BatchRefusal): Bisection<T> {
  const bad = failingIndexes(refusal.details, batch.length)
  if (bad.size === 0 && batch.length > 1) {
    const mid = Math.ceil(batch.length / 2)
    return { kind: 'halve', halves: [batch.slice(0, mid), batch.slice(mid)] }
  }
  return {
    kind: 'culprits',
    culprits: batch.flatMap((item, i) => (bad.has(i) ? [{ item, reason: describe(refusal, i) }] : [])),
    rest: batch.filter((_, i) => !bad.has(i)),
  }
}

/** Indexes of the items a 400 names; empty when it names none (a batch of one is always named). */
function failingIndexes(details: WebflowErrorDetail[], size: number): Set<number> {
  const out = new Set<number>()
  for (const d of details) {
    const m = typeof d === 'object' ? /items\[(\d+)\]/.exec(d.param ?? '') : null
    if (m && Number(m[1]) < size) out.add(Number(m[1]))
  }
  if (!out.size && size === 1) out.add(0)
  return out
}

/** The refusal in words for one item: the details about it, and those about no item in particular. */
function describe(refusal: BatchRefusal, index: number): string {
  const mine = refusal.details.filter(
    (d) =>
      typeof d === 'string' || !/items\[\d+\]/.test(d.param ?? '') || d.param?.includes(`items[${index}]`),
  )
  const text = mine.map((d) => (typeof d === 'string' ? d : `${d.param}: ${d.description}`)).join('; ')
  return text ? `${refusal.message}: ${text}` : refusal.message
}
