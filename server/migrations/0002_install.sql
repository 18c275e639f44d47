-- One OAuth grant. The access token is stored only encrypted (key id, IV, tag and ciphertext in one
-- column, see server/src/crypto/token-cipher.ts); uninstall wipes it to null.
create table installations (
  id uuid primary key default gen_random_uuid(),
  workspace_ids text[] not null default '{}',
  site_ids text[] not null default '{}',
  authorized_user jsonb,
  scopes text[] not null default '{}',
  token_ciphertext text,
  rate_limit integer,
  status text not null default 'active' check (status in ('active', 'revoked')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  revoked_at timestamptz,
  check (status = 'revoked' or token_ciphertext is not null)
);
create index installations_workspaces_idx on installations using gin (workspace_ids);

-- A Webflow site under an installation; `paused` is the kill switch.
create table sites (
  id text primary key,
  installation_id uuid not null references installations (id),
  workspace_id text,
  display_name text not null,
  short_name text,
  paused boolean not null default false,
  webhook_health jsonb,
  webhooks_checked_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index sites_installation_idx on sites (installation_id);

-- Webhooks Bindery registered at Webflow. A per-webhook signing secret (site-token webhooks) is
-- stored encrypted; app webhooks are signed with the client secret and have none.
create table site_webhooks (
  id text primary key,
  site_id text not null references sites (id) on delete cascade,
  trigger_type text not null,
  url text not null,
  secret_ciphertext text,
  created_at timestamptz not null default now()
);
create index site_webhooks_site_idx on site_webhooks (site_id);

-- OAuth `state` nonces already used: the state itself is stateless and signed; this table makes it
-- single-use across processes.
create table oauth_states (
  nonce text primary key,
  expires_at timestamptz not null,
  used_at timestamptz not null default now()
);

-- Processing attempts, so failed deliveries are retried a bounded number of times.
alter table inbox add column attempts integer not null default 0;
create index inbox_failed_idx on inbox (received_at) where status = 'failed';
