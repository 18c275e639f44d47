-- One Webflow rate budget per token, shared by every process (server/src/webflow/pg-rate-gate.ts).
-- `sends` is the token's sliding log: epoch milliseconds of every call sent, or reserved to be sent,
-- within the last window. A row holds at most `rate_limit` past entries plus the tickets of waiting
-- callers, so it stays small.
create table rate_budgets (
  token_key text primary key,
  rate_limit integer not null check (rate_limit > 0),
  sends bigint[] not null default '{}',
  paused_until_ms bigint not null default 0,
  updated_at timestamptz not null default now()
);

-- Reserves the next send slot of a token and answers how long the caller must wait for it.
-- The slot is the earliest time at or after every earlier reservation (FIFO tickets: no caller
-- starves) that is outside the pause and leaves at most `rate_limit` sends in any window. The row
-- lock is held for this one call only.
create function rate_budget_reserve(
  p_key text, p_default_limit integer, p_window_ms integer, p_now_ms bigint default null
) returns bigint
language plpgsql as $$
declare
  b rate_budgets;
  now_ms bigint;
  live bigint[];
  n integer;
  slot bigint;
begin
  select * into b from rate_budgets where token_key = p_key for update;
  if not found then
    -- A token's first budget is its installation's introspected limit (token keys are installation ids).
    insert into rate_budgets (token_key, rate_limit)
    values (p_key, coalesce((select rate_limit from installations where id::text = p_key), p_default_limit))
    on conflict (token_key) do nothing;
    select * into b from rate_budgets where token_key = p_key for update;
  end if;
  -- Read after the lock: time spent waiting for it must not make the slot earlier than the send.
  now_ms := coalesce(p_now_ms, (extract(epoch from clock_timestamp()) * 1000)::bigint);
  live := array(select s from unnest(b.sends) as s where s > now_ms - p_window_ms order by s);
  n := coalesce(array_length(live, 1), 0);
  slot := greatest(now_ms, b.paused_until_ms, coalesce(live[n], 0));
  if n >= b.rate_limit then
    slot := greatest(slot, live[n - b.rate_limit + 1] + p_window_ms);
  end if;
  update rate_budgets set sends = live || slot, updated_at = now() where token_key = p_key;
  return slot - now_ms;
end
$$;

-- Takes in Webflow's own count (`X-RateLimit-Limit` minus `-Remaining`): sends Bindery did not make
-- (another app or process on the token) are added to the log as if made now. Entries are only ever
-- added, never removed, so a correction can only make the gate more careful.
create function rate_budget_observe(
  p_key text, p_limit integer, p_used integer, p_window_ms integer, p_now_ms bigint default null
) returns void
language plpgsql as $$
declare
  b rate_budgets;
  now_ms bigint;
  mine integer;
begin
  insert into rate_budgets (token_key, rate_limit) values (p_key, p_limit)
  on conflict (token_key) do nothing;
  select * into b from rate_budgets where token_key = p_key for update;
  now_ms := coalesce(p_now_ms, (extract(epoch from clock_timestamp()) * 1000)::bigint);
  select count(*) into mine from unnest(b.sends) as s where s > now_ms - p_window_ms and s <= now_ms;
  update rate_budgets set
    rate_limit = p_limit,
    sends = case when p_used > mine then sends || array_fill(now_ms, array[p_used - mine]) else sends end,
    updated_at = now()
  where token_key = p_key and (rate_limit <> p_limit or p_used > mine);
end
$$;

-- Per-token circuit breaker (server/src/webflow/pg-circuit-breaker.ts): closed → open after
-- consecutive failures → half_open (one probe) after the cooldown → closed on success.
create table circuit_breakers (
  token_key text primary key,
  state text not null default 'closed' check (state in ('closed', 'open', 'half_open')),
  failures integer not null default 0,
  open_until timestamptz,
  cooldown_ms integer not null default 0,
  -- A probe that never reports back (crashed process) frees the half-open slot after this.
  probe_until timestamptz,
  last_error text,
  updated_at timestamptz not null default now()
);

-- Jobs a paused site held instead of running; resuming the site sends them again.
create table held_jobs (
  id bigint generated always as identity primary key,
  site_id text not null,
  queue text not null,
  data jsonb not null,
  held_at timestamptz not null default now(),
  unique (site_id, queue, data)
);

-- Optional site publish after a push that changed something; publishes are spaced a minute apart.
alter table links add column publish_site boolean not null default false;
alter table sites add column last_published_at timestamptz;
