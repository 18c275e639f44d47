-- One reconcile run of one link: what it found per drift class, what it repaired, and what it cost.
-- The latest row per link is what the panel and the admin API show, and its start time schedules
-- the next run.
create table drift_reports (
  id bigint generated always as identity primary key,
  link_id uuid not null references links (id) on delete cascade,
  site_id text not null,
  trigger text not null check (trigger in ('scheduled', 'manual', 'sync-now', 'full')),
  status text not null default 'running' check (status in ('running', 'done', 'failed')),
  started_at timestamptz not null default now(),
  finished_at timestamptz,
  webflow_items int not null default 0,
  hub_items int not null default 0,
  requests int not null default 0,
  -- { <drift class>: count }
  found jsonb not null default '{}',
  repaired jsonb not null default '{}',
  -- { <drift class>: [{ hubItemId, webflowItemId, slug }] }, at most 10 per class
  samples jsonb not null default '{}',
  error text
);
create index drift_reports_link_idx on drift_reports (link_id, started_at desc);
