import net from 'node:net'
import { type BinderyProcess, freePort, startBinderyProcess } from '../helpers/bindery-process'
import type { InstallWorld } from '../install/install-world'

export { freePort }

/** A free port below Linux's ephemeral range (32768–60999), which `listen(0)` never hands out. */
export async function portOutsideEphemeralRange(): Promise<number> {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 10_000)
    const free = await new Promise<boolean>((resolve) => {
      const srv = net.createServer()
      srv.once('error', () => resolve(false))
      srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)))
    })
    if (free) return port
  }
}

/**
 * Bindery's workers in a process of their own, against the world's database and simulator, so a
 * test can kill them (SIGKILL) and start them again while this process keeps serving HTTP.
 */
export function startWorkerProcess(world: InstallWorld): Promise<BinderyProcess> {
  return startBinderyProcess({
    role: 'worker',
    databaseUrl: world.ctx.database.url,
    publicUrl: world.publicUrl,
    simUrl: world.sim.url,
  })
}
