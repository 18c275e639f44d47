import type { Queryable } from './pool'

/**
 * The `metric_samples` table: one value per minute and series name. Counter series are added to by
 * every process that saw events in the minute; gauge series are set by the scheduled sampler.
 */
export type Sample = { minute: Date; series: string; value: number }

/** Adds each value to its minute's row (several processes flush into the same minute). */
export async function addToSamples(db: Queryable, samples: Sample[]) {
  if (samples.length === 0) return
  await db.query(
    `insert into metric_samples (minute, series, value)
     select * from unnest($1::timestamptz[], $2::text[], $3::float8[])
     on conflict (minute, series) do update set value = metric_samples.value + excluded.value`,
    [samples.map((s) => s.minute), samples.map((s) => s.series), samples.map((s) => s.value)],
  )
}

/** Writes readings, replacing any earlier reading of the same minute. */
export async function setSamples(db: Queryable, samples: Sample[]) {
  if (samples.length === 0) return
  await db.query(
    `insert into metric_samples (minute, series, value)
     select * from unnest($1::timestamptz[], $2::text[], $3::float8[])
     on conflict (minute, series) do update set value = excluded.value`,
    [samples.map((s) => s.minute), samples.map((s) => s.series), samples.map((s) => s.value)],
  )
}

/** Every sample with `since <= minute <= until`, by minute. */
export async function listSamples(db: Queryable, since: Date, until: Date): Promise<Sample[]> {
  const { rows } = await db.query<Sample>(
    `select minute, series, value from metric_samples where minute between $1 and $2 order by minute`,
    [since, until],
  )
  return rows
}

/** Deletes samples older than the retention; returns how many. */
export async function pruneSamples(db: Queryable, olderThanDays: number): Promise<number> {
  const { rowCount } = await db.query(
    'delete from metric_samples where minute < now() - make_interval(days => $1)',
    [olderThanDays],
  )
  return rowCount ?? 0
}
