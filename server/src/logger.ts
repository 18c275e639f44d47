import pino, { type Logger } from 'pino'

/** Paths whose values never reach a log line. */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-webflow-signature"]',
  '*.token',
  '*.accessToken',
  '*.access_token',
  '*.idToken',
  '*.clientSecret',
  '*.client_secret',
  '*.secret',
  '*.secretKey',
  '*.password',
  '*.apiKey',
]

export function createLogger(level: string, name = 'bindery'): Logger {
  return pino({
    name,
    level,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    serializers: {
      // The event-stream routes carry a session token in the query string; it never reaches a log.
      req: (req: { method?: string; url?: string; id?: string }) => ({
        id: req.id,
        method: req.method,
        url: req.url?.replace(/([?&]token=)[^&]*/g, '$1[redacted]'),
      }),
    },
    // Pretty output only for a person at a terminal; machines get JSON lines.
    transport: process.stdout.isTTY
      ? { target: 'pino-pretty', options: { translateTime: 'HH:MM:ss.l' } }
      : undefined,
  })
}
