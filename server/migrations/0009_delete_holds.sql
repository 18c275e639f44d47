-- Deletes a run would have made past the mass-delete threshold, held for a person to confirm or
-- reject. `side` is where the items would be deleted: 'hub' (Webflow deleted them, a pull or a
-- reconcile would follow) or 'webflow' (the hub deleted them, the push would follow).
create table delete_holds (
  id uuid primary key default gen_random_uuid(),
  site_id text not null references sites (id),
  link_id uuid not null references links (id) on delete cascade,
  side text not null check (side in ('hub', 'webflow')),
  source text not null check (source in ('push', 'pull', 'reconcile')),
  -- [{ hubItemId, webflowItemId, slug, name }]
  items jsonb not null,
  -- Items the link had when the run was held: what the share was measured against.
  collection_size integer not null,
  status text not null default 'held' check (status in ('held', 'confirmed', 'rejected')),
  created_at timestamptz not null default now(),
  decided_at timestamptz,
  decided_by text
);
create index delete_holds_link_idx on delete_holds (link_id, status);
create index delete_holds_site_idx on delete_holds (site_id, created_at desc);

-- A reconcile reports the repairs it left to a hold.
alter table drift_reports add column held integer not null default 0;
