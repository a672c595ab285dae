-- Views the pages read; pipelines write the tables above.

-- The latest update per action and quarter (updates are append-only).
create view action_status as
select * exclude (rn)
from (
    select u.*, row_number() over (
        partition by u.action_code, u.quarter order by u.updated_at desc, u.update_id desc
    ) as rn
    from action_updates u
)
where rn = 1;

-- One row per answer to an indicator question, with the respondent's fields for filtering.
create view indicator_answers as
select
    r.response_id, r.survey, r.wave, r.quarter, r.respondent_type, r.age_band,
    r.primary_need, r.support_level, r.locality,
    q.indicator, q.workstreams, a.is_positive
from answers a
join responses r using (response_id)
join questions q on q.survey = a.survey and q.question_id = a.question_id
where q.indicator is not null;
