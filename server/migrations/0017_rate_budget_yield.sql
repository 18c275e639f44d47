-- A job that would wait long for its token's budget gives its worker slot back instead of holding it
-- (README "Scheduling"). It asks for a send slot no later than `p_max_wait_ms` from now; when the
-- earliest slot is later, nothing is reserved and the answer says when the budget allows, so the job
-- can be scheduled for then and spends none of the budget meanwhile. The answer also names the slot
-- granted, so callers and tests can check the spacing the gate promised, not when their await returned.
drop function rate_budget_reserve(text, integer, integer, bigint);

create function rate_budget_reserve(
  p_key text, p_default_limit integer, p_window_ms integer, p_now_ms bigint default null,
  p_max_wait_ms bigint default null
) returns table (wait_ms bigint, slot_ms bigint, reserved boolean)
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
  if p_max_wait_ms is not null and slot - now_ms > p_max_wait_ms then
    return query select slot - now_ms, slot, false;
    return;
  end if;
  update rate_budgets set sends = live || slot, updated_at = now() where token_key = p_key;
  return query select slot - now_ms, slot, true;
end
$$;
