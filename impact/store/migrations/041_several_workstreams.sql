-- The shared filters choose several workstreams at once (B3 and B4): the filter macros of migration 005 now take a
-- list of workstream codes, where an empty list means all. A response, question or activity matches when it is
-- tagged with any chosen workstream. Everything else is as in 005.
create or replace macro filtered_responses(
    f_first, f_last, f_surveys, f_respondent_types, f_age_bands, f_primary_needs, f_support_levels,
    f_localities, f_workstream
) as table
select r.*
from responses r
where r.quarter between f_first and f_last
  and (len(f_surveys) = 0 or list_contains(f_surveys, r.survey))
  and (len(f_respondent_types) = 0 or list_contains(f_respondent_types, r.respondent_type))
  and (len(f_age_bands) = 0 or list_contains(f_age_bands, r.age_band))
  and (len(f_primary_needs) = 0 or list_contains(f_primary_needs, r.primary_need))
  and (len(f_support_levels) = 0 or list_contains(f_support_levels, r.support_level))
  and (len(f_localities) = 0 or list_contains(f_localities, r.locality))
  and (f_workstream is null or len(f_workstream) = 0 or exists (
        select 1 from answers a
        join questions q on q.survey = a.survey and q.question_id = a.question_id
        where a.response_id = r.response_id and list_has_any(q.workstreams, f_workstream)));

create or replace macro filtered_indicator_answers(
    f_first, f_last, f_surveys, f_respondent_types, f_age_bands, f_primary_needs, f_support_levels,
    f_localities, f_workstream
) as table
select ia.*
from indicator_answers ia
where ia.response_id in (
        select response_id from filtered_responses(
            f_first, f_last, f_surveys, f_respondent_types, f_age_bands, f_primary_needs, f_support_levels,
            f_localities, null))
  and (f_workstream is null or len(f_workstream) = 0 or list_has_any(ia.workstreams, f_workstream));

create or replace macro filtered_attendance(f_first, f_last, f_respondent_types, f_age_bands, f_workstream) as table
select act.activity_id, act.quarter, left(act.quarter, 7) as wave, act.workstream,
       att.respondent_type, att.age_band, att.attendees, att.record_key  -- the key the published counts need (021)
from activities act
join activity_attendance att using (activity_id)
where act.quarter between f_first and f_last
  and (len(f_respondent_types) = 0 or list_contains(f_respondent_types, att.respondent_type))
  and (len(f_age_bands) = 0 or list_contains(f_age_bands, att.age_band))
  and (f_workstream is null or len(f_workstream) = 0 or list_contains(f_workstream, act.workstream));
