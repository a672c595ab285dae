-- Issue 11: a survey wave is a collection window with a name ("Big Bang 2025"), not a financial year; reporting
-- periods still come from each response's own date (responses.wave and quarter). Mapping profiles remember how one
-- survey's export layout is read, so the next export with the same layout loads with no questions.

alter table uploads add column wave_name varchar;   -- the wave the officer named when loading (NULL before issue 11)

-- Append-only: the latest profile per survey and layout is in force. profile_yaml holds the columns' targets,
-- the answers' meanings and who answered (pipelines/profiles.py reads and writes it).
create sequence mapping_profile_seq start 1;
create table mapping_profiles (
    profile_id     integer primary key default nextval('mapping_profile_seq'),
    survey         varchar not null,
    layout_key     varchar not null,   -- a hash of the file's headers, simplified and in order
    profile_yaml   varchar not null,
    saved_by       varchar not null,
    saved_at       timestamp not null
);

-- Each wave with the dates of its responses.
create view survey_waves as
select u.kind as survey, coalesce(u.wave_name, r.wave) as wave_name, min(r.submitted_at) as first_response,
       max(r.submitted_at) as last_response, count(*) as responses
from uploads u join responses r on r.upload_id = u.upload_id
group by all;

-- Pick-several answers as separate choices (stored joined with "; " in answers.answer_text), so they can be counted.
create view answer_choices as
with picked as (
    select a.response_id, a.survey, a.question_id, unnest(string_split(a.answer_text, ';')) as choice
    from answers a join questions q on q.survey = a.survey and q.question_id = a.question_id
    where q.scale = 'several'
)
select response_id, survey, question_id, trim(choice) as choice from picked where trim(choice) <> '';
