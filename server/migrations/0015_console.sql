-- An item's history (console, CLI, designer) reads audit_log by subject newest first with a keyset on
-- id; this index serves that walk. It replaces the (subject_type, subject_id, at) index, which no
-- query used, so the 1M-row log keeps one subject index to maintain rather than two.
drop index if exists audit_log_subject_idx;
create index audit_log_item_history_idx on audit_log (subject_type, subject_id, id);

-- Support console sign-ins (server/src/console/console-session.ts): the cookie is a signed JWT that
-- names one row here; signing out deletes the row, so a copied cookie stops working at once.
create table console_sessions (
  id text primary key,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null
);

-- Item lookup (console, CLI) finds an item by its Webflow id or its slug across every site.
create index item_links_webflow_item_idx on item_links (webflow_item_id) where webflow_item_id is not null;
create index hub_items_slug_idx on hub_items (slug) where deleted_at is null;
-- An item's link rows by hub item (lookup, detail); the foreign key had no index of its own.
create index item_links_hub_item_idx on item_links (hub_item_id);
