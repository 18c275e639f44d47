-- Credential health (docs/runbooks.md#token-revoked): set when Webflow refuses an installation's
-- token with 401/403 (docs/webflow.md "Revoked tokens"); a reinstall, which stores a new token,
-- clears it. While it is set, the jobs of the installation's sites are held, not retried.
alter table installations
  add column token_rejected_at timestamptz,
  add column token_rejected_status integer,
  add column token_rejected_reason text;

-- The operating figures, once a minute, that the console's charts read (server/src/metrics/).
-- One row per minute and series. Counters are added to by every process for the minute it saw
-- the events in; gauges (read from Postgres) are written by the one scheduled sampler. Kept for
-- a bounded time (maintenance-prune).
create table metric_samples (
  minute timestamptz not null,
  series text not null,
  value double precision not null,
  primary key (minute, series)
);

-- Incidents the alerts report (server/src/alerts/): at most one open per kind and subject, so a
-- condition that persists sends one message, and one more when it clears. `notified_at`: when its
-- opened message was due (some kinds wait a few minutes, so a blip alerts nobody).
create table alert_incidents (
  id bigint generated always as identity primary key,
  kind text not null,
  subject text not null,
  summary text not null,
  details jsonb not null default '{}',
  opened_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  notified_at timestamptz,
  resolved_at timestamptz
);
create unique index alert_incidents_open_idx on alert_incidents (kind, subject) where resolved_at is null;
create index alert_incidents_opened_idx on alert_incidents (opened_at);
