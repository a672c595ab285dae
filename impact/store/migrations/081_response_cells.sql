-- Issue 17: responses counted at load time (see migration 080): per survey, quarter, the respondent fields the
-- filters read and the workstreams the response evidences (the bits of migration 067), the number of responses and
-- the sum of their record keys. The Reach and Home counts of respondents add these up. Kept by impact/store/cells.py.
create table response_cells (
    survey          varchar not null,
    wave            varchar not null,
    quarter         varchar not null,
    respondent_type varchar,
    age_band        varchar,
    primary_need    varchar,
    support_level   varchar,
    locality        varchar,
    workstream_bits ubigint not null,  -- 0: evidences no workstream
    responses       bigint not null,   -- responses with a record key
    response_keys   bigint not null    -- the sum of their record keys
);

create macro response_cells_of(x_upload_id) as table
select r.survey, r.wave, r.quarter, r.respondent_type, r.age_band, r.primary_need, r.support_level, r.locality,
       coalesce(w.bits, 0::ubigint) as workstream_bits,
       count(r.record_key) as responses, coalesce(sum(r.record_key), 0)::bigint as response_keys
from responses r
left join (
    select response_id, bit_or(bits) as bits from response_workstreams
    where x_upload_id is null
       or response_id in (select response_id from responses where upload_id = x_upload_id)
    group by response_id
) w using (response_id)
where x_upload_id is null or r.upload_id = x_upload_id
group by all;

insert into response_cells select * from response_cells_of(null);

-- The bits of the chosen workstreams (0 when none is chosen or known).
create macro workstream_mask(f_workstream) as (
    select coalesce(bit_or((1::ubigint << b.bit)::ubigint), 0::ubigint) from workstream_bits b
    where list_contains(f_workstream, b.workstream));

-- filtered_responses (migrations 065, 067) as cells: the same filters on the same fields.
create macro filtered_response_cells(
    f_first, f_last, f_surveys, f_respondent_types, f_age_bands, f_primary_needs, f_support_levels,
    f_localities, f_workstream
) as table
select c.*
from response_cells c
where c.quarter between f_first and f_last
  and cell_matches(c.survey, c.respondent_type, c.age_band, c.primary_need, c.support_level, c.locality,
                   f_surveys, f_respondent_types, f_age_bands, f_primary_needs, f_support_levels, f_localities)
  and (f_workstream is null or len(f_workstream) = 0 or c.workstream_bits & workstream_mask(f_workstream) <> 0);
