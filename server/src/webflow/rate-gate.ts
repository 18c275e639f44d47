/**
 * Paces calls per token so Bindery stays inside Webflow's per-minute budget instead of running into
 * 429s. `observe` corrects the local view with Webflow's own `X-RateLimit-*` headers; `pause` holds
 * every call on a token after a 429 for its `Retry-After`.
 */
export interface RateGate {
  /** Resolves when the call may be sent (a gate may answer with the slot's time). */
  acquire(tokenKey: string): Promise<unknown>
  observe(tokenKey: string, limit: number, remaining: number): void | Promise<void>
  pause(tokenKey: string, seconds: number): void | Promise<void>
}
