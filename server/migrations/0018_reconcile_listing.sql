-- What one reconcile run listed from Webflow (issue 17): the run streams the collection's list pages
-- into this table and compares them with the hub a page at a time, so no process holds a whole
-- collection. An item absent here was not listed (mark and sweep). Rows live as long as their run;
-- unlogged, since a crash only loses a run that is started again.
create unlogged table reconcile_listing (
  report_id bigint not null references drift_reports(id) on delete cascade,
  webflow_item_id text not null,
  slug text,
  staged jsonb,
  live jsonb,
  primary key (report_id, webflow_item_id)
);
create index reconcile_listing_slug_idx on reconcile_listing (report_id, slug) where staged is not null;
