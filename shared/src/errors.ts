import { z } from 'zod'

/** Every error code Bindery's HTTP APIs answer with. */
export const ErrorCode = z.enum([
  'validation_error',
  'not_found',
  'unauthorized',
  'forbidden',
  'conflict',
  'version_conflict',
  'rate_limited',
  'payload_too_large',
  'unsupported_media_type',
  'not_installed',
  'invalid_state',
  'missing_signature',
  'stale_timestamp',
  'bad_signature',
  'invalid_payload',
  'webflow_error',
  'site_paused',
  'needs_reinstall',
  'circuit_open',
  'service_unavailable',
  'internal_error',
])
export type ErrorCode = z.infer<typeof ErrorCode>

/** The one error envelope: `{ "error": { "code", "message", "details"? } }`. */
export const ErrorEnvelope = z.object({
  error: z.looseObject({
    code: ErrorCode,
    message: z.string(),
    details: z.unknown().optional(),
  }),
})
export type ErrorEnvelope = z.infer<typeof ErrorEnvelope>
