import type { FastifyRequest } from 'fastify'

/**
 * Who a request acts for, as audit rows record it (`audit_log.actor`): `designer:<name>` for a panel
 * session, `api-key:<name>` for the content API, `admin` for the admin token. Sync and system work is
 * `bindery` (the default of `appendAudit` for those directions).
 */
export function actorOf(req: FastifyRequest): string {
  if (req.session) return `designer:${req.session.name || req.session.email || req.session.userId}`
  if (req.contentKeyName) return `api-key:${req.contentKeyName}`
  return 'admin'
}
