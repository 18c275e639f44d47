-- The designer's choices per link (issue 15), who made each audited change, and live link events.

-- What a delete on one side does on the other: delete it too, archive it, or hold it for review.
alter table links add column delete_mode text not null default 'delete'
  check (delete_mode in ('delete', 'archive', 'hold'));

-- Who: 'designer:<name>' (panel session), 'api-key:<name>', 'admin', 'bindery' (sync and system).
-- Rows written before this migration have none.
alter table audit_log add column actor text;

-- Why a hold waits: a mass delete past the threshold, or a link that holds every delete.
alter table delete_holds add column reason text not null default 'mass-delete'
  check (reason in ('mass-delete', 'link-policy'));

-- Link events: every write that can change what a link's summary shows notifies 'link_events' with the
-- link id, inside the writing transaction (delivered at commit, deduplicated per transaction). One
-- listener per process fans these out to the panel's event streams (server/src/panel/link-event-hub.ts).
create function notify_link_event() returns trigger language plpgsql as $$
begin
  if tg_table_name = 'links' then
    perform pg_notify('link_events', id::text) from (select distinct id from changed) c;
  else
    perform pg_notify('link_events', link_id::text) from (select distinct link_id from changed) c;
  end if;
  return null;
end $$;

create trigger links_notify_insert after insert on links
  referencing new table as changed for each statement execute function notify_link_event();
create trigger links_notify_update after update on links
  referencing new table as changed for each statement execute function notify_link_event();
create trigger item_links_notify_insert after insert on item_links
  referencing new table as changed for each statement execute function notify_link_event();
create trigger item_links_notify_update after update on item_links
  referencing new table as changed for each statement execute function notify_link_event();
create trigger item_links_notify_delete after delete on item_links
  referencing old table as changed for each statement execute function notify_link_event();
create trigger delete_holds_notify_insert after insert on delete_holds
  referencing new table as changed for each statement execute function notify_link_event();
create trigger delete_holds_notify_update after update on delete_holds
  referencing new table as changed for each statement execute function notify_link_event();

-- A conflict can be settled field by field: some fields from the hub, some from Webflow.
alter table conflicts drop constraint conflicts_resolution_check;
alter table conflicts add constraint conflicts_resolution_check check (resolution in ('hub', 'webflow', 'fields'));

-- A site paused, resumed, uninstalled or reinstalled (its sessions end): its links' streams hear of it.
create function notify_site_links() returns trigger language plpgsql as $$
begin
  perform pg_notify('link_events', id::text) from links where site_id = new.id;
  return null;
end $$;

create trigger sites_notify_links after update on sites for each row
  when (old.session_epoch is distinct from new.session_epoch or old.paused is distinct from new.paused)
  execute function notify_site_links();
