-- Cell-key perturbation (issue 12), step 2: the perturbation table and the macros every published count and base
-- passes through. A cell's key is the sum of its records' keys modulo 256; the table, looked up by the true count
-- (capped: the largest count in the table stands for itself and every count above) and the cell key, gives the
-- adjustment to publish. The same records always give the same cell key, so the same published count, on every
-- page and every rerun. The rows come from impact/domain/perturbation_table.csv (impact/store/perturbation.py
-- loads them into an empty table on connect); scripts/make_perturbation_table.py writes that file.
create table perturbation (
    count       integer not null,   -- true count; the largest stands for itself and above
    cell_key    integer not null,   -- 0..255
    adjustment  integer not null,   -- published count = true count + adjustment
    primary key (count, cell_key)
);

-- The published value of a cell with `x_count` records whose keys sum to `x_key_sum`. A scalar subquery without
-- correlation (DuckDB evaluates it once) gives the table as a list, indexed by count and cell key.
create macro published(x_count, x_key_sum) as
    x_count + (select list(adjustment order by count, cell_key) from perturbation)[
        (least(x_count, (select max(count) from perturbation)) * 256 + coalesce(x_key_sum, 0) % 256 + 1)::bigint];

-- Aggregates for queries: the published number of rows (with a record key), of rows meeting a condition, and the
-- published sum of a count column over rows (attendance, population), each keyed by the rows' record keys.
create macro published_count(x_key) as published(count(x_key), sum(x_key));
create macro published_count_if(x_key, x_condition) as
    published(count(x_key) filter (where x_condition), sum(x_key) filter (where x_condition));
-- A published part of a published whole (positive answers of those answering) is never more than the whole.
create macro published_part(x_key, x_part, x_whole) as
    least(published_count_if(x_key, x_part), published_count_if(x_key, x_whole));
create macro published_sum(x_value, x_key) as published(coalesce(sum(x_value), 0), sum(x_key));

-- The views and macros the pages count from, now carrying each record's key.
create or replace view indicator_answers as
select
    r.response_id, r.survey, r.wave, r.quarter, r.respondent_type, r.age_band,
    r.primary_need, r.support_level, r.locality,
    q.indicator, q.workstreams, a.is_positive, r.record_key
from answers a
join responses r using (response_id)
join questions q on q.survey = a.survey and q.question_id = a.question_id
where q.indicator is not null;

create or replace macro filtered_attendance(f_first, f_last, f_respondent_types, f_age_bands, f_workstream) as table
select act.activity_id, act.quarter, left(act.quarter, 7) as wave, act.workstream,
       att.respondent_type, att.age_band, att.attendees, att.record_key
from activities act
join activity_attendance att using (activity_id)
where act.quarter between f_first and f_last
  and (len(f_respondent_types) = 0 or list_contains(f_respondent_types, att.respondent_type))
  and (len(f_age_bands) = 0 or list_contains(f_age_bands, att.age_band))
  and (f_workstream is null or act.workstream = f_workstream);
