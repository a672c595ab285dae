-- An officer may withdraw a mistaken action update. The update stays in action_updates (append-only) and in
-- the history, marked withdrawn with who, when and why; it no longer counts for its quarter.
create table action_update_withdrawals (
    update_id      bigint primary key,
    withdrawn_at   timestamp not null,
    withdrawn_by   varchar not null,
    reason         varchar not null
);

create or replace view action_status as
select * exclude (rn)
from (
    select u.*, row_number() over (
        partition by u.action_code, u.quarter order by u.updated_at desc, u.update_id desc
    ) as rn
    from action_updates u
    where u.update_id not in (select update_id from action_update_withdrawals)
)
where rn = 1;

-- Updates that count: a later one for the same action and quarter corrects an earlier one. Withdrawn ones follow,
-- never current.
create or replace view action_update_history as
select
    u.*,
    lead(u.updated_at) over later as corrected_at,
    lead(u.updated_by) over later as corrected_by,
    lead(u.update_id) over later is null as is_current,
    false as is_withdrawn,
    null::timestamp as withdrawn_at,
    null::varchar as withdrawn_by,
    null::varchar as withdrawn_reason
from action_updates u
where u.update_id not in (select update_id from action_update_withdrawals)
window later as (partition by u.action_code, u.quarter order by u.updated_at, u.update_id)
union all
select u.*, null, null, false, true, w.withdrawn_at, w.withdrawn_by, w.reason
from action_updates u join action_update_withdrawals w on w.update_id = u.update_id;
