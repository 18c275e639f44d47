import { type Db, withAdvisoryLock } from '../db/pool'

/**
 * Runs `fn` while holding a per-link Postgres advisory lock, so two reconciles of one link (a
 * scheduled one and a resync, or two workers) never repair the same drift twice. Undefined when it
 * is held.
 */
export function withLinkLock<T>(db: Db, linkId: string, fn: () => Promise<T>): Promise<T | undefined> {
  return withAdvisoryLock(db, `reconcile:${linkId}`, fn)
}
