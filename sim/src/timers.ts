/** Sleeps that close() can cancel, so a closed simulator leaves no timers behind. */
export class Timers {
  private pending = new Map<NodeJS.Timeout, () => void>()

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.pending.delete(t)
        resolve()
      }, ms)
      this.pending.set(t, resolve)
    })
  }

  clear(): void {
    for (const [t, resolve] of this.pending) {
      clearTimeout(t)
      resolve()
    }
    this.pending.clear()
  }
}
