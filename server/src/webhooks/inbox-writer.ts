import type { Db } from '../db/pool'
import { isDataError } from './db-errors'
import { type DeliveryRow, type RecordOutcome, recordDeliveries } from './record-delivery'

type Waiter = { row: DeliveryRow; resolve: (o: RecordOutcome) => void; reject: (e: unknown) => void }

const MAX_BATCH = 200
const MAX_IN_FLIGHT = 4

/**
 * Group commit for webhook deliveries: requests that arrive while earlier writes are in flight share
 * the next transaction, so one commit (one WAL flush, one NOTIFY) serves many deliveries. An idle
 * server writes each delivery at once. Each caller is answered only after its row committed.
 */
export class InboxWriter {
  private queue: Waiter[] = []
  private inFlight = 0
  private scheduled = false

  constructor(private db: Db) {}

  write(row: DeliveryRow): Promise<RecordOutcome> {
    return new Promise((resolve, reject) => {
      this.queue.push({ row, resolve, reject })
      if (!this.scheduled) {
        this.scheduled = true
        setImmediate(() => {
          this.scheduled = false
          this.flush()
        })
      }
    })
  }

  private flush() {
    while (this.queue.length > 0 && this.inFlight < MAX_IN_FLIGHT) {
      const batch = this.queue.splice(0, MAX_BATCH)
      this.inFlight++
      void this.run(batch).finally(() => {
        this.inFlight--
        this.flush()
      })
    }
  }

  private async run(batch: Waiter[]) {
    try {
      const outcomes = await recordDeliveries(
        this.db,
        batch.map((w) => w.row),
      )
      for (const [i, w] of batch.entries()) w.resolve(outcomes[i]!)
    } catch (err) {
      // One unstorable value (class 22) must not fail its neighbours: retry them one by one.
      if (batch.length > 1 && isDataError(err)) {
        await Promise.all(
          batch.map((w) => recordDeliveries(this.db, [w.row]).then((o) => w.resolve(o[0]!), w.reject)),
        )
      } else {
        for (const w of batch) w.reject(err)
      }
    }
  }
}
