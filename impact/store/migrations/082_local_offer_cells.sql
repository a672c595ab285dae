-- Issue 17: Local Offer feedback counted at load time (see migrations 080 and 081): per quarter, respondent fields,
-- workstream bits and the section rated, the pieces of feedback, those with a comment, the ratings in the base and
-- the useful ones (4 or 5 out of 5), each with the sum of its record keys. Kept by impact/store/cells.py.
create table local_offer_cells (
    survey          varchar not null,  -- always local_offer; kept so the survey filter reads like the others
    wave            varchar not null,
    quarter         varchar not null,
    respondent_type varchar,
    age_band        varchar,
    primary_need    varchar,
    support_level   varchar,
    locality        varchar,
    workstream_bits ubigint not null,
    section         varchar,           -- the lo_section answer; NULL when not given
    feedback        bigint not null,   -- responses
    feedback_keys   bigint not null,
    comments        bigint not null,   -- with a comment (lo_comment)
    comment_keys    bigint not null,
    rated           bigint not null,   -- a usefulness rating in the base (lo_useful, is_positive not null)
    rated_keys      bigint not null,
    useful          bigint not null,   -- rated useful
    useful_keys     bigint not null
);

create macro local_offer_cells_of(x_upload_id) as table
select r.survey, r.wave, r.quarter, r.respondent_type, r.age_band, r.primary_need, r.support_level, r.locality,
       coalesce(w.bits, 0::ubigint) as workstream_bits, s.answer_text as section,
       count(r.record_key) as feedback, coalesce(sum(r.record_key), 0)::bigint as feedback_keys,
       count(r.record_key) filter (where c.answer_text is not null) as comments,
       coalesce(sum(r.record_key) filter (where c.answer_text is not null), 0)::bigint as comment_keys,
       count(r.record_key) filter (where u.is_positive is not null) as rated,
       coalesce(sum(r.record_key) filter (where u.is_positive is not null), 0)::bigint as rated_keys,
       count(r.record_key) filter (where u.is_positive) as useful,
       coalesce(sum(r.record_key) filter (where u.is_positive), 0)::bigint as useful_keys
from responses r
left join (
    select response_id, bit_or(bits) as bits from response_workstreams
    where x_upload_id is null
       or response_id in (select response_id from responses where upload_id = x_upload_id)
    group by response_id
) w using (response_id)
left join answers s on s.response_id = r.response_id and s.question_id = 'lo_section'
left join answers c on c.response_id = r.response_id and c.question_id = 'lo_comment'
left join answers u on u.response_id = r.response_id and u.question_id = 'lo_useful'
where r.survey = 'local_offer' and (x_upload_id is null or r.upload_id = x_upload_id)
group by all;

insert into local_offer_cells select * from local_offer_cells_of(null);

create macro filtered_local_offer_cells(
    f_first, f_last, f_surveys, f_respondent_types, f_age_bands, f_primary_needs, f_support_levels,
    f_localities, f_workstream
) as table
select c.*
from local_offer_cells c
where c.quarter between f_first and f_last
  and cell_matches(c.survey, c.respondent_type, c.age_band, c.primary_need, c.support_level, c.locality,
                   f_surveys, f_respondent_types, f_age_bands, f_primary_needs, f_support_levels, f_localities)
  and (f_workstream is null or len(f_workstream) = 0 or c.workstream_bits & workstream_mask(f_workstream) <> 0);
