-- The shared filter bar as table macros, so every Impact and Reach query filters the same way with bound
-- values (an empty list means "all"; a NULL workstream means "all"), and the DfE's published EHC plan counts.

-- Responses inside the period that match every filter. A response evidences a workstream when it answered
-- at least one question tagged with that workstream. Missing values never match a filter that is set.
create macro filtered_responses(
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
  and (f_workstream is null or exists (
        select 1 from answers a
        join questions q on q.survey = a.survey and q.question_id = a.question_id
        where a.response_id = r.response_id and list_contains(q.workstreams, f_workstream)));

-- Indicator answers from matching responses; the workstream narrows to the questions tagged with it.
create macro filtered_indicator_answers(
    f_first, f_last, f_surveys, f_respondent_types, f_age_bands, f_primary_needs, f_support_levels,
    f_localities, f_workstream
) as table
select ia.*
from indicator_answers ia
where ia.response_id in (
        select response_id from filtered_responses(
            f_first, f_last, f_surveys, f_respondent_types, f_age_bands, f_primary_needs, f_support_levels,
            f_localities, null))
  and (f_workstream is null or list_contains(ia.workstreams, f_workstream));

-- Attendance at participation activities in the period. Attendance is recorded only by respondent type
-- and age band ("All ages" for adults), so the survey, need, support level and locality filters do not apply.
create macro filtered_attendance(f_first, f_last, f_respondent_types, f_age_bands, f_workstream) as table
select act.activity_id, act.quarter, left(act.quarter, 7) as wave, act.workstream,
       att.respondent_type, att.age_band, att.attendees
from activities act
join activity_attendance att using (activity_id)
where act.quarter between f_first and f_last
  and (len(f_respondent_types) = 0 or list_contains(f_respondent_types, att.respondent_type))
  and (len(f_age_bands) = 0 or list_contains(f_age_bands, att.age_band))
  and (f_workstream is null or act.workstream = f_workstream);

-- Active EHC plans in January by single year of age, from the DfE's caseload.csv, for the chosen local
-- authority, its region and England. `plans` is NULL where the DfE suppressed the cell ("x").
create table dfe_ehc_plans (
    upload_id          integer not null,
    time_period        varchar not null,  -- as published, e.g. 202425
    census_year        varchar not null,  -- the January the count is taken, e.g. 2025
    geographic_level   varchar not null,  -- Local authority, Regional, National
    area_code          varchar not null,  -- new_la_code, region_code or country_code
    area_name          varchar not null,
    age                varchar not null,  -- as published: "under 3", "age 3" .. "age 25", "unknown"
    age_years          integer,           -- 2 for "under 3", NULL for "unknown"
    age_band           varchar,           -- reporting band (0-4 .. 20-25), NULL for "unknown"
    plans              integer,
    primary key (census_year, area_code, age)
);

-- Which local authority the officer chose, and the region it sits in, per load.
create table dfe_area (
    upload_id          integer primary key,
    la_code            varchar not null,
    la_name            varchar not null,
    region_code        varchar,
    region_name        varchar
);
