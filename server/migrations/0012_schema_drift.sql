-- Schema drift (#18): Webflow sends no webhook for schema edits, so a link remembers the Webflow
-- fields it last saw (what "added" is measured against) and the schema changes it found.
-- {fieldId: {slug, name, type, required}}; null before the first check.
alter table links add column schema_known jsonb;
-- [SchemaDrift]: what changed and what Bindery did, shown until resolved or dismissed.
alter table links add column schema_drift jsonb not null default '[]'::jsonb;
alter table links add column schema_checked_at timestamptz;
-- The schema drift one reconcile run found.
alter table drift_reports add column schema jsonb not null default '[]'::jsonb;
