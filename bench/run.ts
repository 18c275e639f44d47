import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { benchBig } from './big'
import { benchConsole } from './console'
import { benchLocales } from './locales'
import { benchMetrics } from './metrics'
import { benchProd } from './prod'
import { benchPush } from './push'
import { benchRate } from './rate'
import { benchReconcile } from './reconcile'
import { benchScale } from './scale'
import { benchSim } from './sim'
import { benchTenants } from './tenants'
import { benchWebhooks } from './webhooks'

/**
 * `npm run bench`: every benchmark the issues name, one after another on this machine, printed and
 * written to `bench-results.json` at the repository root. `BENCH_QUICK=1` shortens the runs.
 */
const results: Record<string, Record<string, number>> = {}

// First, in a fresh process: its peak RSS (the simulator and Bindery in one process) must not carry
// what the other benches left on the heap (366 MB after the simulator and webhook benches, 282–284 alone).
const sync = await benchPush()
results.push = sync.push
results.latency = sync.latency
print('push', results.push)
print('latency', results.latency)
results.sim = await benchSim()
print('sim', results.sim)
results.webhooks = await benchWebhooks()
print('webhooks', results.webhooks)
results.reconcile = await benchReconcile()
print('reconcile', results.reconcile)
results.big = await benchBig()
print('big', results.big)
results.rate = await benchRate()
print('rate', results.rate)
results.scale = await benchScale()
print('scale', results.scale)
results.prod = await benchProd()
print('prod', results.prod)
results.locales = await benchLocales()
print('locales', results.locales)
results.metrics = await benchMetrics()
print('metrics', results.metrics)
results.console = await benchConsole()
print('console', results.console)
results.tenants = await benchTenants()
print('tenants', results.tenants)

const file = path.resolve(import.meta.dirname, '..', 'bench-results.json')
writeFileSync(file, `${JSON.stringify({ ranAt: new Date().toISOString(), ...results }, null, 2)}\n`)
console.log(`\nwrote ${file}`)
process.exit(0)

function print(group: string, figures: Record<string, number>) {
  for (const [k, v] of Object.entries(figures)) console.log(`${`${group}.${k}`.padEnd(34)} ${v}`)
}
