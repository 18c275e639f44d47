import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll } from 'vitest'

/**
 * A local HTTP server standing in for Slack: records every JSON body posted to it. While `failing`
 * is above 0 it answers 500 instead (and counts down), as a receiver having a bad minute.
 */
export async function startAlertReceiver() {
  const received: { text: string; bindery: Record<string, unknown> }[] = []
  const state = { failing: 0, attempts: 0 }
  const server = createServer((req, res) => {
    let body = ''
    req.on('data', (c) => {
      body += c
    })
    req.on('end', () => {
      state.attempts++
      if (state.failing > 0) {
        state.failing--
        res.writeHead(500).end('down')
        return
      }
      received.push(JSON.parse(body))
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok')
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  afterAll(() => new Promise<void>((r) => server.close(() => r())))
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/alerts`, received, state }
}
