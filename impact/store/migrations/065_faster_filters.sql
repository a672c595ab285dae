-- Issue 17: the shared filters' table macros (migrations 005, 041) give the same rows, with less work at a million
-- responses.
-- filtered_responses: a response evidences a workstream when it answered a question tagged with one; the tagged
-- answers are now found once, as a set of response ids, rather than probed per response through EXISTS.
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
  and (f_workstream is null or len(f_workstream) = 0 or r.response_id in (
        select a.response_id
        from answers a
        join questions q on q.survey = a.survey and q.question_id = a.question_id
        where list_has_any(q.workstreams, f_workstream)));

-- filtered_indicator_answers: indicator_answers already carries every field the filters read, so they apply to it
-- directly instead of through a second pass over the responses (the same rows: the same tests on the same fields).
create or replace macro filtered_indicator_answers(
    f_first, f_last, f_surveys, f_respondent_types, f_age_bands, f_primary_needs, f_support_levels,
    f_localities, f_workstream
) as table
select ia.*
from indicator_answers ia
where ia.quarter between f_first and f_last
  and (len(f_surveys) = 0 or list_contains(f_surveys, ia.survey))
  and (len(f_respondent_types) = 0 or list_contains(f_respondent_types, ia.respondent_type))
  and (len(f_age_bands) = 0 or list_contains(f_age_bands, ia.age_band))
  and (len(f_primary_needs) = 0 or list_contains(f_primary_needs, ia.primary_need))
  and (len(f_support_levels) = 0 or list_contains(f_support_levels, ia.support_level))
  and (len(f_localities) = 0 or list_contains(f_localities, ia.locality))
  and (f_workstream is null or len(f_workstream) = 0 or list_has_any(ia.workstreams, f_workstream));
