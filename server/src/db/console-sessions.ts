import type { Queryable } from './pool'

/** Records a console sign-in; expired rows are swept on the way (sign-ins are rare). */
export async function insertConsoleSession(db: Queryable, id: string, expiresAt: Date) {
  await db.query('delete from console_sessions where expires_at < now()')
  await db.query('insert into console_sessions (id, expires_at) values ($1, $2)', [id, expiresAt])
}

/** Whether the sign-in is still on (not signed out, not expired). */
export async function consoleSessionLive(db: Queryable, id: string): Promise<boolean> {
  const { rowCount } = await db.query('select 1 from console_sessions where id = $1 and expires_at > now()', [
    id,
  ])
  return (rowCount ?? 0) > 0
}

export async function deleteConsoleSession(db: Queryable, id: string) {
  await db.query('delete from console_sessions where id = $1', [id])
}
