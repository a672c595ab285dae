-- Issue 17: the workstreams each response evidences (it answered a question tagged with one), kept beside the
-- responses so the workstream filter reads one small table instead of every answer. Workstreams are bits of a whole
-- number: each code gets the next free bit the first time a question carries it (up to 64 codes).
create table workstream_bits (
    workstream varchar primary key,
    bit        integer not null        -- 0..63
);

-- One row per response that answered a tagged question; written for each survey load by
-- impact/store/response_workstreams.py (pipelines/load.py calls it), and here once for everything already loaded.
-- A removed response's row stays but no longer matches anything: the filter starts from the responses.
create table response_workstreams (
    response_id bigint not null,
    bits        ubigint not null
);

-- Give every workstream code the questions carry a bit, keeping the bits already given.
create macro new_workstream_bits() as table
select code as workstream,
       (select coalesce(max(bit) + 1, 0) from workstream_bits) + row_number() over (order by code) - 1 as bit
from (select distinct unnest(workstreams) as code from questions)
where code not in (select workstream from workstream_bits);

-- The bits of the responses of one load (or, with NULL, of every response).
create macro response_workstream_bits(x_upload_id) as table
with tagged as (
    select q.survey, q.question_id, bit_or((1::ubigint << b.bit)::ubigint) as bits
    from questions q, unnest(q.workstreams) as u(code)
    join workstream_bits b on b.workstream = u.code
    group by all
)
select a.response_id, bit_or(t.bits) as bits
from answers a
join tagged t on t.survey = a.survey and t.question_id = a.question_id
where x_upload_id is null or a.response_id in (select response_id from responses where upload_id = x_upload_id)
group by a.response_id;

insert into workstream_bits select * from new_workstream_bits();
insert into response_workstreams select * from response_workstream_bits(null);

-- The filter of migration 065, reading the stored bits: a response matches when it evidences any chosen workstream.
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
        select w.response_id from response_workstreams w
        where w.bits & (select coalesce(bit_or((1::ubigint << b.bit)::ubigint), 0::ubigint) from workstream_bits b
                        where list_contains(f_workstream, b.workstream)) <> 0));
