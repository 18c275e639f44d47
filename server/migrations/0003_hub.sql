-- The hub's own content: collections, their fields, and items, per Webflow site.
create table hub_collections (
  id uuid primary key default gen_random_uuid(),
  site_id text not null,
  slug text not null,
  name text not null,
  singular_name text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  deleted_at timestamptz
);
create unique index hub_collections_site_slug_idx on hub_collections (site_id, slug) where deleted_at is null;

create table hub_fields (
  id uuid primary key default gen_random_uuid(),
  collection_id uuid not null references hub_collections (id) on delete cascade,
  slug text not null,
  name text not null,
  type text not null check (type in ('text', 'richText', 'number', 'date', 'boolean', 'link', 'email',
    'phone', 'color', 'select', 'reference', 'multiReference', 'image', 'images', 'file', 'video')),
  required boolean not null default false,
  -- select: the allowed option names; reference/multiReference: the referenced hub collection.
  options text[],
  reference_collection_id uuid references hub_collections (id),
  position int not null default 0,
  unique (collection_id, slug)
);

create table hub_items (
  id uuid primary key default gen_random_uuid(),
  collection_id uuid not null references hub_collections (id) on delete cascade,
  slug text not null,
  name text not null,
  status text not null default 'draft' check (status in ('draft', 'published', 'archived')),
  fields jsonb not null default '{}',
  version int not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  deleted_at timestamptz
);
create unique index hub_items_collection_slug_idx on hub_items (collection_id, slug) where deleted_at is null;
create index hub_items_collection_updated_idx on hub_items (collection_id, updated_at, id);

-- Per-site keys for the content API, stored as SHA-256 hashes.
create table api_keys (
  id uuid primary key default gen_random_uuid(),
  site_id text not null,
  name text not null,
  prefix text not null,
  key_hash text not null unique,
  created_at timestamptz not null default now(),
  last_used_at timestamptz,
  revoked_at timestamptz
);

-- A hub collection linked to a Webflow collection on a site.
create table links (
  id uuid primary key default gen_random_uuid(),
  site_id text not null,
  hub_collection_id uuid not null references hub_collections (id),
  webflow_collection_id text not null,
  direction text not null default 'two-way' check (direction in ('two-way', 'push-only', 'pull-only')),
  conflict_policy text not null default 'newest' check (conflict_policy in ('newest', 'hub', 'webflow', 'review')),
  -- [{ hubSlug, webflowSlug, webflowFieldId, type, options?: {name: webflowOptionId} }]
  field_map jsonb not null default '[]',
  state text not null default 'connecting' check (state in ('connecting', 'syncing', 'live', 'paused', 'error')),
  progress_done int not null default 0,
  progress_total int not null default 0,
  last_error text,
  last_synced_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  disconnected_at timestamptz
);
create unique index links_active_hub_idx on links (hub_collection_id) where disconnected_at is null;
create unique index links_active_webflow_idx on links (webflow_collection_id) where disconnected_at is null;

-- A hub item and its Webflow item, with what was last synced and the base of the three-way merge.
create table item_links (
  id uuid primary key default gen_random_uuid(),
  link_id uuid not null references links (id) on delete cascade,
  hub_item_id uuid not null references hub_items (id),
  webflow_item_id text,
  sync_state text not null default 'pending' check (sync_state in ('pending', 'synced', 'failed', 'conflict')),
  dirty boolean not null default true,
  -- Set before a create request is sent: a create whose answer never came is settled by slug first.
  create_sent_at timestamptz,
  synced_hash text,
  base jsonb,
  webflow_state text,
  webflow_last_updated timestamptz,
  last_pushed_at timestamptz,
  last_pulled_at timestamptz,
  last_error text,
  unique (link_id, hub_item_id)
);
create unique index item_links_webflow_idx on item_links (link_id, webflow_item_id) where webflow_item_id is not null;
create index item_links_dirty_idx on item_links (link_id) where dirty;
