-- Sessions of a site end when this moves (uninstall, admin "end sessions"): a session carries the
-- epoch it was issued in and is refused once the site's epoch is higher.
alter table sites add column session_epoch integer not null default 0;

-- Site managers may create and revoke content API keys: the installing user (added at install)
-- and users an admin adds. Everyone else with a session is an editor or a viewer.
create table site_managers (
  site_id text not null references sites (id) on delete cascade,
  user_id text not null,
  email text,
  added_by text not null,
  created_at timestamptz not null default now(),
  primary key (site_id, user_id)
);

-- Who created a key ("user:<id>" or "admin"), and when it stops working (null: never).
alter table api_keys add column created_by text, add column expires_at timestamptz;
