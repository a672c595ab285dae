-- Quality of participation: how accessible each activity was and what changed because of it, the annual
-- participation audit, and "you said, we did". Audit ratings and feedback entries are append-only: a later
-- record is a new row and the views below give the latest, so every change is kept with who and when.

alter table activities add column easy_read boolean;         -- null: not recorded
alter table activities add column accessible_venue boolean;
alter table activities add column accessible_time boolean;
alter table activities add column what_changed varchar;

-- UK financial year and quarter of a date (Q1 = April-June), as impact/periods.py computes them.
create macro uk_financial_year(d) as
    printf('%d-%02d', year(d) - (month(d) < 4)::int, (year(d) - (month(d) < 4)::int + 1) % 100);
create macro uk_financial_quarter(d) as
    uk_financial_year(d) || ' Q' || ((month(d) + 8) % 12 // 3 + 1)::varchar;

-- The ladder of participation, lowest rung first, in the three bands the strategy talks about.
create view activity_levels as
select
    a.*,
    case a.ladder_level
        when 'Coercion' then 1 when 'Education' then 2 when 'Informing' then 3
        when 'Consultation' then 4 when 'Engagement' then 5
        when 'Co-design' then 6 when 'Co-production' then 7
    end as ladder_rank,
    case
        when a.ladder_level in ('Coercion', 'Education', 'Informing') then 'Doing to'
        when a.ladder_level in ('Consultation', 'Engagement') then 'Doing for'
        else 'Doing with'
    end as band
from activities a;

create sequence audit_rating_id_seq start 1;
create table audit_ratings (
    rating_id          bigint primary key default nextval('audit_rating_id_seq'),
    upload_id          integer not null,
    audit_year         varchar not null,  -- UK financial year, e.g. 2025-26
    service            varchar not null,
    priority_code      varchar,           -- P01.. from the audit tool; null for a priority the service added
    priority           varchar not null,  -- the priority's wording
    priority_label     varchar not null,  -- a short name for charts
    rating             varchar not null,  -- Embedded, In progress, Not started, Not applicable
    required_actions   varchar,
    next_steps         varchar,
    date_completed     date,
    recorded_at        timestamp not null,
    recorded_by        varchar not null   -- a role, never a name
);

create view audit_latest as
select * exclude (rn)
from (
    select r.*, row_number() over (
        partition by r.audit_year, r.service, r.priority order by r.recorded_at desc, r.rating_id desc
    ) as rn
    from audit_ratings r
)
where rn = 1;

create sequence feedback_version_id_seq start 1;
create table feedback_entries (
    version_id         bigint primary key default nextval('feedback_version_id_seq'),
    upload_id          integer not null,
    entry_id           varchar not null,  -- the officer's reference, e.g. YSWD-012
    theme              varchar not null,  -- "you said"
    source             varchar not null,  -- big_bang, involvement, local_offer, other
    raised_by          varchar,           -- the respondent type who raised it; null for everyone
    date_raised        date not null,
    response           varchar,           -- "we did"; null while waiting
    date_responded     date,
    fed_back           boolean,           -- told the people who raised it
    action_code        varchar,
    workstream         varchar,           -- when blank, the linked action's workstream
    indicator          varchar,           -- the indicator the response should move
    recorded_at        timestamp not null,
    recorded_by        varchar not null
);

create view feedback_loop as
select
    f.* exclude (rn, workstream),
    coalesce(f.workstream, a.workstream) as workstream,
    uk_financial_quarter(f.date_raised) as quarter_raised,
    f.date_responded - f.date_raised as days_to_respond
from (
    select e.*, row_number() over (
        partition by e.entry_id order by e.recorded_at desc, e.version_id desc
    ) as rn
    from feedback_entries e
) f
left join actions a using (action_code)
where f.rn = 1;
