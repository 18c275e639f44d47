-- Webflow as it is (docs/webflow.md).
-- A collection Bindery created in Webflow goes live only with a site publish ("New collections and
-- the site"): its link waits for one before publishing items.
alter table links add column awaiting_site_publish boolean not null default false;
-- "Publish the site after sync" reaches the custom domains too unless the link says otherwise
-- ("Site publish and domains").
alter table links add column publish_custom_domains boolean not null default true;
