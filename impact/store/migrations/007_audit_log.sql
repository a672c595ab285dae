-- Append-only record of every load, removal, update and setting change, shown to admins.
create sequence audit_id_seq start 1;
create table audit_log (
    audit_id   bigint primary key default nextval('audit_id_seq'),
    happened_at timestamp not null,
    who        varchar not null,
    action     varchar not null,   -- load, remove_load, action_update, setting, retention, restore, ...
    detail     varchar not null
);
