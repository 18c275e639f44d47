import { AsyncLocalStorage } from 'node:async_hooks'

/**
 * How long a Webflow call may wait for its token's budget before the work around it gives its worker
 * slot back (README "Scheduling"). The jobs that can start over cheaply run inside `yieldingAfter`:
 * their rate gate then reserves no slot further away than that and throws BudgetWait instead, and the
 * worker schedules the job again for when the budget allows. Everywhere else (HTTP requests, jobs
 * that would lose their progress) a call waits its turn in the gate as before.
 *
 * A scope rather than a parameter: the limit belongs to the job, and the gate sits below every
 * client and feature the job goes through.
 */
const scope = new AsyncLocalStorage<{ maxWaitMs: number }>()

export function yieldingAfter<T>(maxWaitMs: number, run: () => Promise<T>): Promise<T> {
  return scope.run({ maxWaitMs }, run)
}

/** The longest wait for a send slot the current work accepts; null: any. */
export function maxBudgetWaitMs(): number | null {
  return scope.getStore()?.maxWaitMs ?? null
}

/** The token's budget allows the next call only after `waitMs`; nothing was sent or reserved. */
export class BudgetWait extends Error {
  constructor(readonly waitMs: number) {
    super(`the token's budget allows the next Webflow call in ${Math.ceil(waitMs / 1000)} s`)
  }
}
