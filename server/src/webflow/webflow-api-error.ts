import type { WebflowErrorDetail } from '@bindery/shared/webflow'

/**
 * A failed call to Webflow. `status` is 0 when no answer arrived (timeout, connection reset): then,
 * for a write, whether Webflow applied it is unknown, and `outcomeUnknown` says so.
 */
export class WebflowApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: WebflowErrorDetail[] = [],
    readonly retryAfterSeconds?: number,
  ) {
    super(message)
  }

  /** Webflow answered 404: the item, collection or site is not (or no longer) there. */
  static notFound(err: unknown): err is WebflowApiError {
    return err instanceof WebflowApiError && err.status === 404
  }

  get outcomeUnknown(): boolean {
    return this.status === 0 || this.status >= 500
  }

  /** Worth trying again: no answer, rate limited, or Webflow's own failure (not an answer we misread). */
  get transient(): boolean {
    return (
      (this.status === 0 || this.status === 429 || this.status >= 500) && this.code !== 'unexpected_response'
    )
  }

  /** Webflow's 400 for a slug another item already has. */
  get duplicateSlug(): boolean {
    return (
      this.status === 400 &&
      this.details.some(
        (d) => typeof d === 'object' && d.param === 'slug' && /Unique value/i.test(d.description ?? ''),
      )
    )
  }
}
