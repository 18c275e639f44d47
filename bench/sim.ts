import { createRequire } from 'node:module'
import { pathToFileURL } from 'node:url'
import { createSimulator } from '../sim/src/create-simulator.ts'
import { DEMO, seedDemo } from '../sim/src/demo-seed.ts'

// Simulator throughput: GET …/items?limit=1 with a valid token, rate limits off, 50 connections,
// ~5 s. autocannon runs in a worker thread so it does not share the simulator's event loop.

interface AutocannonResult {
  requests: { average: number; total: number }
  non2xx: number
  errors: number
  duration: number
}
type Autocannon = (opts: Record<string, unknown>) => Promise<AutocannonResult>

const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon

export async function benchSim(durationSeconds = 5): Promise<{ requestsPerSecond: number }> {
  const sim = await createSimulator({ rateLimit: 'off' })
  try {
    seedDemo(sim)
    const token = sim.control.oauthToken(DEMO.workspaceId)
    const run = (duration: number) =>
      autocannon({
        url: `${sim.url}/v2/collections/${DEMO.postsCollectionId}/items?limit=1`,
        headers: { authorization: `Bearer ${token}` },
        connections: 50,
        duration,
        workers: 1,
      })
    await run(1) // warm-up: JIT and connection setup are not what we measure
    const result = await run(durationSeconds)
    if (result.non2xx > 0 || result.errors > 0) {
      throw new Error(`benchSim: ${result.non2xx} non-2xx answers and ${result.errors} errors`)
    }
    return { requestsPerSecond: Math.round(result.requests.total / result.duration) }
  } finally {
    await sim.close()
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(JSON.stringify(await benchSim()))
}
