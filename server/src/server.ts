import { ConfigError, loadConfig } from './config'
import { createLogger } from './logger'
import { type Runtime, startRuntime } from './runtime'
import { loadSandbox } from './sandbox/load-sandbox'
import { startupHint } from './startup-hint'

const SHUTDOWN_TIMEOUT_MS = 20_000

/** Starts Bindery as a process: configuration, runtime, listener, signals. Nothing else. */
async function main() {
  let config: ReturnType<typeof loadConfig>
  try {
    config = loadConfig()
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err
    console.error(err.message)
    process.exit(1)
  }
  const log = createLogger(config.logLevel)
  let runtime: Runtime | undefined
  let stopping = false
  const shutdown = async (signal: string) => {
    if (stopping) return
    stopping = true
    log.info({ signal }, 'shutting down')
    // A signal during start-up: the start finishes first, then closes what it started.
    if (!runtime) return
    const timer = setTimeout(() => {
      log.error('graceful shutdown timed out; forcing exit')
      runtime?.kill()
      process.exit(1)
    }, SHUTDOWN_TIMEOUT_MS)
    await runtime.close()
    clearTimeout(timer)
    process.exit(0)
  }
  // Before anything starts, so no signal can leave a Postgres child behind.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void shutdown(signal))
  try {
    runtime = await startRuntime(config, log)
  } catch (err) {
    throw withHint(err, config)
  }
  if (stopping) {
    stopping = false
    return shutdown('start-up interrupted')
  }
  try {
    await runtime.app.listen({ port: config.port, host: config.host })
  } catch (err) {
    // Stopped in order (the embedded Postgres last) before the process says why and exits.
    await runtime.close()
    throw withHint(err, config)
  }
  // In sandbox mode the playground is what a newcomer opens, so its URL comes first.
  const playground = runtime.sandbox ? `${runtime.config.publicUrl}/playground` : undefined
  if (playground) log.info({ playground }, `open the playground: ${playground}`)
  log.info({ url: `http://${config.host}:${config.port}`, role: config.role }, 'Bindery is ready')
  if (runtime.sandbox) {
    // Through the same OAuth flow as production, now that the callback is reachable.
    const { sim, demo } = runtime.sandbox
    // After the signal handlers: a SIGTERM during the install still shuts down gracefully.
    const { installSandbox } = await loadSandbox()
    const install = await installSandbox(runtime.sandbox, runtime.ctx).catch((err) => {
      if (!stopping) log.error({ err }, 'sandbox install failed')
      return null
    })
    if (!install) return
    log.info(
      {
        playground,
        simulator: sim.url,
        demoSite: `${demo.siteName} (${demo.siteId})`,
        installed: install.installed === 'now' ? `just now, on ${install.sites.join(', ')}` : 'already',
        webhooks: install.webhooksOk ? 'registered' : 'not yet registered (retried every 15 min)',
        // Printed only when Bindery generated it: a token someone configured stays out of logs.
        ...(runtime.config.adminTokenGenerated ? { adminToken: runtime.config.adminToken } : {}),
      },
      'sandbox mode: Webflow is the built-in simulator (set WEBFLOW_CLIENT_ID to use Webflow)',
    )
  }
}

class StartupError extends Error {}

function withHint(err: unknown, config: { dataDir: string }): unknown {
  const hint = startupHint(err, config)
  return hint ? new StartupError(`${(err as Error).message}\n  → ${hint}`) : err
}

main().catch((err) => {
  console.error('Bindery failed to start:', err instanceof Error ? err.message : err)
  process.exit(1)
})
