import { DEAD_LETTER_QUEUE, type QueueName, queues } from '@bindery/shared/queues'
import { PgBoss } from 'pg-boss'
import type { Logger } from 'pino'
import { BOSS_SCHEMA } from '../db/boss-jobs'

export type Boss = PgBoss

/**
 * Starts pg-boss in its own schema and creates every queue of the registry in `shared/`.
 * Only worker processes run pg-boss's supervisor and scheduler; web processes just send.
 */
export async function startBoss(
  connectionString: string,
  log: Logger,
  opts: { worker: boolean },
): Promise<Boss> {
  const boss = new PgBoss({
    connectionString,
    schema: BOSS_SCHEMA,
    application_name: 'bindery-jobs',
    max: 5,
    supervise: opts.worker,
    useListenNotify: true,
    // Expiry and heartbeat checks run this often: a crashed worker's jobs move on within seconds.
    superviseIntervalSeconds: 10,
    monitorIntervalSeconds: 10,
    schedule: opts.worker,
  })
  boss.on('error', (err) => log.error({ err }, 'pg-boss error'))
  await boss.start()
  await ensureQueues(boss)
  return boss
}

export async function ensureQueues(boss: Boss) {
  if (!(await boss.getQueue(DEAD_LETTER_QUEUE))) await boss.createQueue(DEAD_LETTER_QUEUE)
  for (const name of Object.keys(queues) as QueueName[]) {
    const { policy, ...options } = queues[name].options
    const withDlq = { ...options, deadLetter: DEAD_LETTER_QUEUE }
    // createQueue ignores options for an existing queue, so existing ones are updated instead.
    if (await boss.getQueue(name)) await boss.updateQueue(name, withDlq)
    else await boss.createQueue(name, { ...withDlq, ...(policy ? { policy } : {}) })
  }
}
