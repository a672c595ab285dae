-- Canonical data model. Missing values are NULL; "Prefer not to say" is stored as that text,
-- so the two never merge and neither is ever counted as a real answer.

create sequence upload_id_seq start 1;
create table uploads (
    upload_id      integer primary key default nextval('upload_id_seq'),
    kind           varchar not null,      -- big_bang, involvement, local_offer, actions, action_updates, activities, baseline
    file_name      varchar not null,
    sha256         varchar not null unique,
    rows_in_file   integer not null,
    rows_loaded    integer not null,
    rows_skipped   integer not null default 0,   -- already loaded by an earlier, overlapping export
    loaded_at      timestamp not null,
    loaded_by      varchar not null
);

create table indicators (
    indicator      varchar primary key,
    label          varchar not null,
    statement      varchar not null
);

create table questions (
    survey         varchar not null,
    question_id    varchar not null,
    question_text  varchar not null,
    indicator      varchar,               -- null for items that evidence no indicator (e.g. free text)
    scale          varchar not null,      -- agree5, useful5, yesno, choice, text
    workstreams    varchar[] not null,
    primary key (survey, question_id)
);

create sequence response_id_seq start 1;
create table responses (
    response_id        bigint primary key default nextval('response_id_seq'),
    upload_id          integer not null,
    survey             varchar not null,
    source_response_id varchar not null,  -- the survey tool's own id, unique within a survey
    submitted_at       timestamp not null,
    wave               varchar not null,  -- UK financial year, e.g. 2024-25
    quarter            varchar not null,  -- UK financial quarter, e.g. 2024-25 Q3
    respondent_type    varchar,
    age_years          integer,
    age_band           varchar,
    primary_need       varchar,
    support_level      varchar,
    locality           varchar,
    setting_type       varchar,
    unique (survey, source_response_id)
);

create table answers (
    response_id    bigint not null,
    survey         varchar not null,
    question_id    varchar not null,
    answer_text    varchar,               -- as given (free text redacted before storage)
    score          double,                -- 1..5 on a scale question, 1/0 for yes/no
    is_positive    boolean,               -- null when missing, "Prefer not to say" or "Don't know": out of the base
    primary key (response_id, question_id)
);

create table actions (
    action_code        varchar primary key,
    upload_id          integer not null,
    plan               varchar not null,
    title              varchar not null,
    workstream         varchar not null,
    accountable_group  varchar not null,
    lead_role          varchar not null,
    inspection_area    varchar,           -- e.g. IDA 10, ADD 21
    start_date         date not null,
    due_date           date not null
);

-- Append-only: a new update for the same action and quarter is a new row, never an overwrite.
create sequence action_update_id_seq start 1;
create table action_updates (
    update_id          bigint primary key default nextval('action_update_id_seq'),
    upload_id          integer,
    action_code        varchar not null,
    quarter            varchar not null,
    status             varchar not null,  -- Not started, In progress, Complete, On hold
    rag                varchar not null,  -- Red, Amber, Green, Complete
    percent_complete   integer not null,
    note               varchar,
    updated_at         timestamp not null,
    updated_by         varchar not null
);

create table activities (
    activity_id        varchar primary key,
    upload_id          integer not null,
    activity_date      date not null,
    quarter            varchar not null,
    title              varchar not null,
    kind               varchar not null,  -- forum, consultation, training, event, young inspectors
    ladder_level       varchar not null,
    workstream         varchar not null
);

create table activity_attendance (
    activity_id        varchar not null,
    respondent_type    varchar not null,
    age_band           varchar not null,  -- "All ages" for adults attending in their own right
    attendees          integer not null,
    primary key (activity_id, respondent_type, age_band)
);

create table population_baseline (
    upload_id          integer not null,
    year               varchar not null,  -- e.g. 2025 (January census)
    age_band           varchar not null,
    locality           varchar not null,
    support_level      varchar not null,  -- EHC plan, SEN Support
    children           integer not null,
    primary key (year, age_band, locality, support_level)
);
