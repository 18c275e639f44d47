-- The content API writes hub items and collections on behalf of a site's own systems; its audit
-- rows say so with their own direction.
alter table audit_log drop constraint audit_log_direction_check;
alter table audit_log add constraint audit_log_direction_check
  check (direction in ('push', 'pull', 'admin', 'system', 'content'));

-- Keys are listed per site (admin API, panel).
create index api_keys_site_idx on api_keys (site_id, created_at);

-- Live collections of a site, and the fields that reference a collection (checked before deleting it).
create index hub_collections_site_idx on hub_collections (site_id, created_at) where deleted_at is null;
create index hub_fields_reference_idx on hub_fields (reference_collection_id) where reference_collection_id is not null;
