import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { Runbooks } from '@bindery/shared/api/console'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { AppError } from '../vocabulary/app-error'

/** The operator's runbooks, shipped with Bindery (the Dockerfile copies docs/). */
export const RUNBOOKS_FILE = path.resolve(import.meta.dirname, '../../../docs/runbooks.md')

/** `GET /admin/api/runbooks`: the console links each alert to its section of this document. */
export const runbookRoutes: FastifyPluginAsyncZod<{ file?: string }> = async (
  app,
  { file = RUNBOOKS_FILE },
) => {
  app.get('/runbooks', { schema: { response: { 200: Runbooks } } }, async () => {
    try {
      return { markdown: await readFile(file, 'utf8') }
    } catch {
      throw new AppError(404, 'not_found', 'docs/runbooks.md is not part of this installation')
    }
  })
}
