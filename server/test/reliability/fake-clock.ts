/** A clock tests move by hand: sleeping advances it, so paced code runs at once and deterministically. */
export function fakeClock(start = Date.UTC(2026, 0, 1)) {
  let now = start
  const sleeps: number[] = []
  return {
    now: () => now,
    advance: (ms: number) => {
      now += ms
    },
    sleeps,
    /** A `sleep` that records the wait and moves the clock past it. */
    sleep: async (ms: number) => {
      sleeps.push(ms)
      now += ms
    },
  }
}

/**
 * Real time sped up `factor` times: concurrent callers really wait, in order, but Webflow's minute
 * passes in 60/factor real seconds. For the simulator and the gates at once, when several clients
 * race (a hand-moved clock cannot order their wake-ups).
 */
export function fastClock(factor: number) {
  const t0 = Date.now()
  return {
    now: () => t0 + Math.round((Date.now() - t0) * factor),
    sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, Math.ceil(ms / factor))),
  }
}
