-- Every accepted webhook delivery, unique on its dedupe key.
create table inbox (
  id bigint generated always as identity primary key,
  dedupe_key text not null unique,
  trigger_type text not null,
  site_id text,
  status text not null default 'pending'
    check (status in ('pending', 'processed', 'ignored', 'failed')),
  payload jsonb not null,
  received_at timestamptz not null default now(),
  processed_at timestamptz,
  error text
);
create index inbox_pending_idx on inbox (received_at) where status = 'pending';

-- Every change applied to either side, with before/after, direction and correlation id.
create table audit_log (
  id bigint generated always as identity primary key,
  at timestamptz not null default now(),
  direction text not null check (direction in ('push', 'pull', 'admin', 'system')),
  action text not null,
  site_id text,
  subject_type text not null,
  subject_id text not null,
  before jsonb,
  after jsonb,
  correlation_id text
);
create index audit_log_subject_idx on audit_log (subject_type, subject_id, at);
create index audit_log_at_idx on audit_log (at);
