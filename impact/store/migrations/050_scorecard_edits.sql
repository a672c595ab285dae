-- Officers' edits to the scorecard (issue 15): targets, milestones, baselines and each quarter's commentary.
-- Append-only: the latest edit of a measure's field (and quarter) is in force; earlier ones stay as history.
create sequence scorecard_edit_id_seq start 1;
create table scorecard_edits (
    edit_id    bigint primary key default nextval('scorecard_edit_id_seq'),
    measure_id varchar not null,
    field      varchar not null check (field in ('target', 'milestone', 'baseline', 'commentary')),
    quarter    varchar,            -- the milestone's or commentary's quarter, e.g. 2026-27 Q2; NULL otherwise
    value      varchar not null,   -- a number for target, milestone and baseline; the text for commentary
    edited_at  timestamp not null,
    edited_by  varchar not null    -- the editor's role as they typed it, never a person's name
);
create view scorecard_edits_in_order as
    select measure_id, field, quarter, value, edited_at, edited_by from scorecard_edits order by edit_id;
