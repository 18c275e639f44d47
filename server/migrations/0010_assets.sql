-- Per item link and field: each hub asset (url, alt, hash) and what Webflow made of it (its own
-- fileId and CDN url), so an echo keeps the hub's URL, an unchanged asset is never sent again, and
-- a file Webflow skipped (too large, unreachable) is reported instead of read as a deletion.
-- Rich-text `<img>` sources are rows too (kind 'richText', no fileId). See docs/webflow.md.
create table item_assets (
  item_link_id uuid not null references item_links (id) on delete cascade,
  field text not null,
  position int not null,
  kind text not null check (kind in ('image', 'file', 'richText')),
  hub_url text not null,
  hub_alt text,
  hub_hash text not null,
  webflow_file_id text,
  webflow_url text,
  -- imported: Webflow holds it as webflow_file_id; skipped: Webflow dropped it (error says why).
  status text not null check (status in ('imported', 'skipped')),
  error text,
  updated_at timestamptz not null default now(),
  primary key (item_link_id, field, position)
);
create index item_assets_skipped_idx on item_assets (item_link_id) where status = 'skipped';

-- Per item link and field: the form Webflow stored a pushed value in (e.g. rich text with its own
-- figure markup and emptied code blocks), so reading it back is recognised as the same value.
create table field_echoes (
  item_link_id uuid not null references item_links (id) on delete cascade,
  field text not null,
  webflow_hash text not null,
  hub_value jsonb not null,
  updated_at timestamptz not null default now(),
  primary key (item_link_id, field)
);
