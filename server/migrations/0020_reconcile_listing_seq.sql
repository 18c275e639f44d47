-- Where each staged item stood in Webflow's listing (its list offset): the comparison reads the run's
-- listing a range of positions at a time, so a page costs its own size whatever the collection's
-- (issue 17). Rows of a run only, so no backfill.
alter table reconcile_listing add column seq integer;
create index reconcile_listing_seq_idx on reconcile_listing (report_id, seq) where staged is not null;
