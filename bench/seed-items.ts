/** The benches' published hub items, `item-0` to `item-<count-1>`, in bulk requests of 1,000. */
export function* itemBatches(count: number) {
  for (let i = 0; i < count; i += 1000)
    yield Array.from({ length: Math.min(1000, count - i) }, (_, k) => ({
      slug: `item-${i + k}`,
      name: `Item ${i + k}`,
      status: 'published',
      fields: { summary: `Summary of item ${i + k}` },
    }))
}
