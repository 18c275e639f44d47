import { randomBytes } from 'node:crypto'

let counter = randomBytes(3).readUIntBE(0, 3)
const machine = randomBytes(5).toString('hex')

/** A 24-hex id shaped like a Mongo ObjectId (seconds, random, counter), as Webflow's are. */
export function newId(): string {
  counter = (counter + 1) % 0xffffff
  const seconds = Math.floor(Date.now() / 1000)
    .toString(16)
    .padStart(8, '0')
  return seconds + machine + counter.toString(16).padStart(6, '0')
}

export function randomHex(bytes: number): string {
  return randomBytes(bytes).toString('hex')
}

/** Opaque bearer token; 64 hex chars like Webflow's tokens. */
export function newToken(): string {
  return randomHex(32)
}

export function base64url(value: string | Buffer): string {
  return Buffer.from(value).toString('base64url')
}
