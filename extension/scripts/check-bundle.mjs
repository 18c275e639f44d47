// After `webflow extension bundle`: bundle.zip must stay under Webflow's 5 MB limit and must not
// carry the CLI's telemetry block (CLI 1.x writes it into webflow.json unless DO_NOT_TRACK=1).
import { execFileSync } from 'node:child_process'
import { readFileSync, statSync } from 'node:fs'

const LIMIT = 5 * 1024 * 1024
const zip = new URL('../../bundle.zip', import.meta.url)
const manifest = new URL('../../webflow.json', import.meta.url)
const problems = []
const size = statSync(zip).size
if (size >= LIMIT) problems.push(`bundle.zip is ${size} bytes; Webflow's limit is ${LIMIT}`)
if ('telemetry' in JSON.parse(readFileSync(manifest, 'utf8')))
  problems.push('webflow.json has a telemetry block')
// The zip holds a copy of webflow.json; read it back when `unzip` is around (the check above covers it otherwise).
const zipped = (() => {
  try {
    return execFileSync('unzip', ['-p', zip.pathname, 'webflow.json'], { encoding: 'utf8' })
  } catch {
    return ''
  }
})()
if (zipped.includes('telemetry')) problems.push("bundle.zip's webflow.json has a telemetry block")
if (problems.length) {
  console.error(`bundle check failed:\n  - ${problems.join('\n  - ')}`)
  process.exit(1)
}
console.log(`bundle.zip: ${(size / 1024).toFixed(0)} kB, no telemetry`)
