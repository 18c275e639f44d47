import { ConfigError } from '../config'

type SandboxModule = typeof import('./sandbox')

/**
 * The one way into sandbox mode, and the only file of this folder the server imports. The sandbox
 * runs the Webflow simulator in-process, and the simulator (`@bindery/sim`, a dev dependency) is
 * absent from a production install (`npm ci --omit=dev`), as this folder is from the production
 * build: loaded only when sandbox mode is on, and otherwise a clear error.
 */
export async function loadSandbox(): Promise<SandboxModule> {
  try {
    return await import('./sandbox')
  } catch (err) {
    const cause = (err as Error).message.split('\n')[0]
    throw new ConfigError([
      `sandbox mode (WEBFLOW_CLIENT_ID unset, or BINDERY_MODE=sandbox): the Webflow simulator cannot be loaded (${cause}). ` +
        'Sandbox mode needs the development install (`npm ci`, `npm start`); the production build needs ' +
        'WEBFLOW_CLIENT_ID and the other settings in .env.example.',
    ])
  }
}
