-- Issue 17: answers counted at load time. An indicator query at a million responses read every answer (4.75M rows)
-- and grouped it on text keys; it now adds up counted cells instead. A cell is one survey question in one quarter for
-- one combination of the respondent fields the filters read, with the number and the record-key sum of its answers
-- in the base (is_positive not null) and of its positive answers. A cell key is a sum of record keys, so added-up
-- cells publish exactly what the rows did (published_total, migration 066).
-- Cells are kept per question, not per indicator, so a mapping file that changes a question's indicator or
-- workstreams reaches every answer loaded before: the queries join the (small) questions table when they read.
-- impact/store/cells.py keeps the table up to date: each survey load adds its cells, removing a load takes its
-- responses' cells away, retention and the sample build's fixed record keys rebuild it. Filled here for what is loaded.
create table answer_cells (
    survey          varchar not null,
    question_id     varchar not null,
    wave            varchar not null,
    quarter         varchar not null,
    respondent_type varchar,
    age_band        varchar,
    primary_need    varchar,
    support_level   varchar,
    locality        varchar,
    answered        bigint not null,   -- answers in the base (is_positive not null) with a record key
    answered_keys   bigint not null,   -- the sum of their record keys
    positive        bigint not null,   -- positive answers
    positive_keys   bigint not null
);

-- The cells of the responses of one load (or, with NULL, of every response).
create macro answer_cells_of(x_upload_id) as table
select a.survey, a.question_id, r.wave, r.quarter, r.respondent_type, r.age_band, r.primary_need, r.support_level,
       r.locality,
       count(r.record_key) as answered, coalesce(sum(r.record_key), 0)::bigint as answered_keys,
       count(r.record_key) filter (where a.is_positive) as positive,
       coalesce(sum(r.record_key) filter (where a.is_positive), 0)::bigint as positive_keys
from answers a
join responses r using (response_id)
where a.is_positive is not null and (x_upload_id is null or r.upload_id = x_upload_id)
group by all;

insert into answer_cells select * from answer_cells_of(null);

-- The published value of cells added up, also when no cell matches (then 0 counted, as counting no rows gives).
create macro published_cells(x_counts, x_key_sums) as
    published(coalesce(sum(x_counts), 0)::bigint, coalesce(sum(x_key_sums), 0)::bigint);

-- A cell's respondent fields against the chosen filters (an empty list chooses everything): one rule for every
-- table of cells, the same as the row filters of migration 065.
create macro cell_matches(
    c_survey, c_respondent_type, c_age_band, c_primary_need, c_support_level, c_locality,
    f_surveys, f_respondent_types, f_age_bands, f_primary_needs, f_support_levels, f_localities
) as (len(f_surveys) = 0 or list_contains(f_surveys, c_survey))
  and (len(f_respondent_types) = 0 or list_contains(f_respondent_types, c_respondent_type))
  and (len(f_age_bands) = 0 or list_contains(f_age_bands, c_age_band))
  and (len(f_primary_needs) = 0 or list_contains(f_primary_needs, c_primary_need))
  and (len(f_support_levels) = 0 or list_contains(f_support_levels, c_support_level))
  and (len(f_localities) = 0 or list_contains(f_localities, c_locality));

-- filtered_indicator_answers (migration 065) as cells: the same filters on the same fields, the answers in the base
-- only (every indicator query counts only those), with each cell's indicator and its question's workstreams.
create macro filtered_answer_cells(
    f_first, f_last, f_surveys, f_respondent_types, f_age_bands, f_primary_needs, f_support_levels,
    f_localities, f_workstream
) as table
select c.*, q.indicator, q.workstreams
from answer_cells c
join questions q on q.survey = c.survey and q.question_id = c.question_id
where q.indicator is not null
  and c.quarter between f_first and f_last
  and cell_matches(c.survey, c.respondent_type, c.age_band, c.primary_need, c.support_level, c.locality,
                   f_surveys, f_respondent_types, f_age_bands, f_primary_needs, f_support_levels, f_localities)
  and (f_workstream is null or len(f_workstream) = 0 or list_has_any(q.workstreams, f_workstream));
