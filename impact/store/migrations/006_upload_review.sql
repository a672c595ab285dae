-- The Upload page: what was detected in each file, rows left out, loads removed (kept as history), and the
-- column choices and questions the officer added in the app, used again for the next export.

alter table uploads add column tool varchar;                      -- survey tool detected, e.g. SurveyMonkey
alter table uploads add column rows_rejected integer default 0;   -- failed validation; left out by the officer's choice
alter table uploads add column rows_flagged integer default 0;    -- test responses and repeated submissions, left out

-- A removed load: its responses and answers are deleted and its record moves here, so the same file can be
-- loaded again and the history still shows who removed what.
create table removed_uploads (
    upload_id      integer primary key,
    kind           varchar not null,
    file_name      varchar not null,
    sha256         varchar not null,
    tool           varchar,
    rows_in_file   integer not null,
    rows_loaded    integer not null,
    loaded_at      timestamp not null,
    loaded_by      varchar not null,
    rows_removed   integer not null,
    removed_at     timestamp not null,
    removed_by     varchar not null
);

-- "This column is that field": the header as matched (lower-cased, punctuation removed) and what it fills.
create table saved_mappings (
    survey         varchar not null,
    header_key     varchar not null,
    header_text    varchar not null,      -- as it appeared in the file the choice was made on
    target         varchar not null,      -- a field, a question id, or __ignore__ (not needed)
    saved_by       varchar not null,
    saved_at       timestamp not null,
    primary key (survey, header_key)
);

-- Questions a survey gained after its mapping file was written, added from the Upload page.
create table added_questions (
    survey         varchar not null,
    question_id    varchar not null,      -- starts with added_
    question_text  varchar not null,
    scale          varchar not null,      -- agree5, yesno, useful5, choice, several, text
    added_by       varchar not null,
    added_at       timestamp not null,
    primary key (survey, question_id)
);
