import type { Config } from '../config'
import { TokenCipher } from './token-cipher'

const ciphers = new WeakMap<Config, TokenCipher>()

/** The TokenCipher of a configuration's ENCRYPTION_KEY (+ previous), built once per config. */
export function cipherFor(config: Config): TokenCipher {
  const cached = ciphers.get(config)
  if (cached) return cached
  const cipher = new TokenCipher(config.encryptionKeys)
  ciphers.set(config, cipher)
  return cipher
}
