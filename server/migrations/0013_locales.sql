-- Localized content (docs/webflow.md "Localization"): a hub item keeps its primary content in
-- hub_items and one version per enabled locale here; sync state is kept per locale beside item_links.

-- The site's Webflow locales as last read from GET /sites/{id}: hub locales map to them by tag.
create table site_locales (
  site_id text not null,
  cms_locale_id text not null,
  tag text not null,
  display_name text not null,
  is_primary boolean not null default false,
  primary key (site_id, cms_locale_id)
);
create unique index site_locales_tag_idx on site_locales (site_id, tag);

-- Locales a hub collection carries beside its primary content, by tag ('fr-FR').
create table hub_collection_locales (
  collection_id uuid not null references hub_collections (id) on delete cascade,
  tag text not null,
  created_at timestamptz not null default now(),
  primary key (collection_id, tag)
);

-- One locale version of a hub item: name, slug and the localizable fields. Missing: the locale shows
-- what Webflow created it with (the primary content).
create table hub_item_locales (
  hub_item_id uuid not null references hub_items (id) on delete cascade,
  tag text not null,
  name text not null,
  slug text not null,
  fields jsonb not null default '{}',
  version int not null default 1,
  updated_at timestamptz not null default now(),
  primary key (hub_item_id, tag)
);

-- Sync state of one locale version of a linked item: its own dirtiness, echo hash and merge base.
create table item_link_locales (
  link_id uuid not null references links (id) on delete cascade,
  hub_item_id uuid not null references hub_items (id),
  tag text not null,
  dirty boolean not null default true,
  synced_hash text,
  base jsonb,
  webflow_last_updated timestamptz,
  last_pushed_at timestamptz,
  last_pulled_at timestamptz,
  last_error text,
  primary key (link_id, hub_item_id, tag)
);
create index item_link_locales_dirty_idx on item_link_locales (link_id) where dirty;
