-- Every action update, with whether it is the one that counts for its action and quarter. A later update
-- for the same action and quarter corrects an earlier one; both are kept (action_updates is append-only).
-- The order matches action_status: latest updated_at, then latest update_id.
create view action_update_history as
select
    u.*,
    lead(u.updated_at) over later as corrected_at,
    lead(u.updated_by) over later as corrected_by,
    lead(u.update_id) over later is null as is_current
from action_updates u
window later as (partition by u.action_code, u.quarter order by u.updated_at, u.update_id);
