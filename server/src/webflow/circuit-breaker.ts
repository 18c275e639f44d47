import { AppError } from '../vocabulary/app-error'

/**
 * Trips a token whose Webflow calls keep failing, so work stops hammering a Webflow that is down
 * and jobs fail fast into their own backoff. The client asks `before` every call and reports the
 * outcome; only failures that say Webflow is unwell count (no answer, 5xx), never a 4xx.
 */
export interface CircuitBreaker {
  /** Throws CircuitOpenError while calls must not go out. */
  before(key: string): Promise<void>
  success(key: string): Promise<void>
  failure(key: string, error: string): Promise<void>
}

/** A call refused without being sent: the token's breaker is open. A 503 when a request meets it. */
export class CircuitOpenError extends AppError {
  constructor(
    readonly key: string,
    /** When the breaker lets a probe through. */
    readonly retryAt: Date,
  ) {
    super(
      503,
      'circuit_open',
      `Webflow calls are paused after repeated failures; next attempt after ${retryAt.toISOString()}`,
      undefined,
      { retryAt: retryAt.toISOString() },
    )
  }
}
