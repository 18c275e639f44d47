import path from 'node:path'
import { ConsoleSession, ConsoleSignIn } from '@bindery/shared/api/console'
import cookie from '@fastify/cookie'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import type { Config } from '../config'
import type { Db } from '../db/pool'
import { readBuildFile } from '../plugins/build-files'
import { LIMITS, perIp } from '../plugins/rate-limits'
import { AppError } from '../vocabulary/app-error'
import {
  CONSOLE_COOKIE,
  checkCsrf,
  cookieOptions,
  endConsoleSession,
  readConsoleCookie,
  sessionEnded,
  startConsoleSession,
} from './console-session'

/** Where `npm run build` puts the console. */
export const CONSOLE_DIST = path.resolve(import.meta.dirname, '../../../console/dist')

// The console talks to its own origin only; no inline script, no frames.
const PAGE_HEADERS = {
  'content-security-policy':
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  'cache-control': 'no-cache',
}

/**
 * The support console in the public scope: its sign-in/out (`/console/api/session`, rate-limited
 * per IP) and its built files at `/console`. Everything it does after sign-in goes through the
 * admin API (`/admin/api`), which admits the cookie (console-session.ts).
 */
export const consoleRoutes: FastifyPluginAsyncZod<{ config: Config; db: Db; dist?: string }> = async (
  app,
  { config, db, dist = CONSOLE_DIST },
) => {
  await app.register(cookie)
  const answer = (claims: { csrf: string; exp: number }) => ({
    csrfToken: claims.csrf,
    expiresAt: new Date(claims.exp * 1000).toISOString(),
  })

  app.post(
    '/console/api/session',
    {
      schema: { body: ConsoleSignIn, response: { 200: ConsoleSession } },
      config: perIp(LIMITS.consoleSignInPerIp),
    },
    async (req, reply) => {
      const started = await startConsoleSession(db, config, req.body.token)
      if (!started) throw new AppError(401, 'unauthorized', 'wrong admin token')
      reply.header('cache-control', 'no-store')
      reply.setCookie(CONSOLE_COOKIE, started.token, {
        ...cookieOptions(config),
        maxAge: started.claims.exp - Math.floor(Date.now() / 1000),
      })
      return answer(started.claims)
    },
  )

  // The console asks on load whether it is signed in, and gets its CSRF token back.
  app.get('/console/api/session', { schema: { response: { 200: ConsoleSession } } }, async (req, reply) => {
    const value = req.cookies[CONSOLE_COOKIE]
    if (!value) throw new AppError(401, 'unauthorized', 'not signed in')
    const check = await readConsoleCookie(db, config, value)
    if (!check.ok) throw sessionEnded(check.reason)
    reply.header('cache-control', 'no-store')
    return answer(check.claims)
  })

  app.delete('/console/api/session', { config: perIp(LIMITS.consoleSignInPerIp) }, async (req, reply) => {
    const value = req.cookies[CONSOLE_COOKIE]
    const check = value ? await readConsoleCookie(db, config, value) : null
    if (check?.ok) {
      checkCsrf(req, check.claims)
      await endConsoleSession(db, check.claims)
    }
    reply.clearCookie(CONSOLE_COOKIE, cookieOptions(config))
    return reply.code(204).send()
  })

  // The app's files; any other path under /console is one of its pages (client-side routes).
  const serve = async (relative: string, reply: import('fastify').FastifyReply) => {
    const asset = relative.startsWith('assets/') ? await readBuildFile(relative, dist) : null
    if (asset)
      return reply
        .header('content-type', asset.type)
        .header('cache-control', 'public, max-age=31536000, immutable')
        .send(asset.body)
    if (relative.startsWith('assets/')) throw new AppError(404, 'not_found', 'no such console file')
    const index = await readBuildFile('index.html', dist)
    if (!index) {
      reply.headers({ ...PAGE_HEADERS, 'content-type': 'text/plain; charset=utf-8' }).code(503)
      return 'The support console is not built: run `npm run build`.'
    }
    return reply.headers({ ...PAGE_HEADERS, 'content-type': index.type }).send(index.body)
  }
  app.get('/console', (_req, reply) => serve('', reply))
  app.get('/console/*', (req, reply) => serve((req.params as { '*': string })['*'], reply))
}
