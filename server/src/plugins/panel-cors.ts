/** CORS for the Designer panel: exactly the EXTENSION_ORIGINS; anything else gets no CORS at all. */
export function panelCors(origins: string[]) {
  const allowed = new Set(origins)
  return {
    origin: (origin: string | undefined, done: (err: Error | null, allow: boolean) => void) =>
      done(null, origin !== undefined && allowed.has(origin)),
    methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ['Authorization', 'Content-Type'],
    credentials: false,
    maxAge: 600,
  }
}
