-- Settings an admin changes in the app. Append-only: the latest row per key is in force.
create table settings (
    key         varchar not null,
    value       varchar not null,
    changed_at  timestamp not null,
    changed_by  varchar not null
);
