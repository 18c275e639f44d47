-- A field changed differently on both sides under the 'review' policy: held until someone chooses.
create table conflicts (
  id uuid primary key default gen_random_uuid(),
  link_id uuid not null references links (id) on delete cascade,
  hub_item_id uuid not null references hub_items (id),
  webflow_item_id text not null,
  -- [{ field, base, hub, webflow }] in hub terms
  fields jsonb not null,
  -- Webflow's whole item in hub terms when the conflict was found: what "Webflow wins" applies.
  webflow_content jsonb not null,
  webflow_last_updated timestamptz,
  created_at timestamptz not null default now(),
  resolved_at timestamptz,
  resolution text check (resolution in ('hub', 'webflow'))
);
create unique index conflicts_open_idx on conflicts (link_id, hub_item_id) where resolved_at is null;
