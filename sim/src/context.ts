import type { Faults } from './faults.ts'
import type { AppOptions, RuntimeConfig } from './sim-options.ts'
import type { Store } from './store.ts'

/** Who made a change: a /v2 API client, or a person in the Designer (control API). */
export type ChangeSource = 'api' | 'designer'

export interface SimEvent {
  siteId: string
  triggerType: string
  payload: Record<string, unknown>
  source: ChangeSource
}

/** What the store logic, routes and control API share. */
export interface SimContext {
  store: Store
  config: RuntimeConfig
  app: AppOptions
  /** Simulator time in ms: options.clock plus any offset set through the control API. */
  now: () => number
  random: () => number
  faults: Faults
  emit: (event: SimEvent) => void
  /** Counts what happened to an Image/File value (GET /_sim/counters `assets`). */
  assetEvent: (event: 'imported' | 'reused' | 'skipped') => void
}
