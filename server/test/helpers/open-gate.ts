import type { RateGate } from '../../src/webflow/rate-gate'

/** A rate gate that never waits: for tests whose app makes no Webflow call, or paces none. */
export const openGate: RateGate = {
  acquire: async () => {},
  observe: () => {},
  pause: () => {},
}
