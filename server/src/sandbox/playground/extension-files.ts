import { existsSync } from 'node:fs'
import path from 'node:path'

/** Where `npm run build` puts the extension. */
export const EXTENSION_DIST = path.resolve(import.meta.dirname, '../../../../extension/dist')

export const extensionBuilt = (dist = EXTENSION_DIST) => existsSync(path.join(dist, 'index.html'))

/** The build's index.html with the playground's `webflow` stub loaded before the app. */
export function withStub(indexHtml: string): string {
  return indexHtml.replace('<head>', '<head>\n    <script src="../webflow-stub.js"></script>')
}
