/**
 * What a person should do about an error that stops Bindery from starting, for the errors a fresh
 * machine meets (a port in use, a data directory it cannot write); undefined for anything else.
 */
export function startupHint(err: unknown, env: { dataDir: string }): string | undefined {
  const e = err as NodeJS.ErrnoException & { port?: number; address?: string }
  if (e?.code === 'EADDRINUSE') {
    const where = e.port ? `port ${e.port}${e.address ? ` on ${e.address}` : ''}` : 'a port'
    return `${where} is already in use: stop the program that uses it, or choose another port with PORT=… (SIM_PORT=… for the sandbox's simulator)`
  }
  if (
    (e?.code === 'EACCES' || e?.code === 'EROFS' || e?.code === 'ENOTDIR') &&
    e.path?.startsWith(env.dataDir)
  ) {
    return `the data directory ${env.dataDir} cannot be written (${e.code}): make it writable for this user, or set DATA_DIR=… to a directory that is (or set DATABASE_URL to use your own Postgres)`
  }
  return undefined
}
