import { ConfigError } from './config'

type SandboxModule = typeof import('./sandbox')

/**
 * The one way into sandbox mode. The sandbox runs the Webflow simulator in-process, and the simulator
 * (`@bindery/sim`, a dev dependency) is absent from a production install (`npm ci --omit=dev`) and
 * not part of the production build: loaded only when sandbox mode is on, and otherwise a clear error.
 */
export async function loadSandbox(): Promise<SandboxModule> {
  try {
    return await import('./sandbox')
  } catch (err) {
    throw new ConfigError([
      'WEBFLOW_CLIENT_ID is not set, so Bindery would start in sandbox mode, but the Webflow simulator ' +
        `cannot be loaded (${(err as Error).message.split('\n')[0]}). Sandbox mode needs the development ` +
        'install (`npm ci` and `npm start`); a production build needs WEBFLOW_CLIENT_ID and the other ' +
        'settings in .env.example.',
    ])
  }
}
