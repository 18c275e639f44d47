import type { WebflowApi } from '../webflow/webflow-client'

/** The same client, counting the calls made through it: a drift report states what a run cost. */
export function countingClient(wf: WebflowApi): { api: WebflowApi; calls: () => number } {
  let calls = 0
  const api = new Proxy(wf, {
    get(target, key) {
      const value = target[key as keyof WebflowApi]
      if (typeof value !== 'function') return value
      return (...args: unknown[]) => {
        calls++
        return (value as (...a: unknown[]) => unknown)(...args)
      }
    },
  })
  return { api, calls: () => calls }
}
