-- The push takes a link's dirty items a round of 1,000 at a time, oldest change first (issue 17). It
-- sorted every dirty row of the link by its hub item's updated_at each round, so a 100,000-item
-- initial publish was quadratic. Now an item link that becomes dirty takes the next number of a
-- sequence (`dirty_seq`: the order in which items started waiting for a push), and a partial index on
-- (link_id, dirty_seq) hands out a round as one index range. An item edited again while it waits
-- keeps its place in the queue.
create sequence item_links_dirty_seq;
alter table item_links add column dirty_seq bigint;

-- Items waiting now keep the order the push used: their hub item's last change.
update item_links il set dirty_seq = o.n
from (
  select il.id, row_number() over (order by hi.updated_at, hi.id) as n
  from item_links il join hub_items hi on hi.id = il.hub_item_id
  where il.dirty
) o
where il.id = o.id;
select setval('item_links_dirty_seq', coalesce((select max(dirty_seq) from item_links), 0) + 1, false);

create function item_links_take_dirty_seq() returns trigger language plpgsql as $$
begin
  new.dirty_seq := nextval('item_links_dirty_seq');
  return new;
end $$;

create trigger item_links_dirty_seq_insert before insert on item_links
  for each row when (new.dirty) execute function item_links_take_dirty_seq();
create trigger item_links_dirty_seq_update before update of dirty on item_links
  for each row when (new.dirty and not old.dirty) execute function item_links_take_dirty_seq();

-- The new index also serves every "dirty items of this link" question the old one did.
drop index item_links_dirty_idx;
create index item_links_dirty_seq_idx on item_links (link_id, dirty_seq) where dirty;
