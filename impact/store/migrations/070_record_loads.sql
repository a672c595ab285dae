-- Loads of the non-survey inputs (issue 18) can be undone exactly, and a file can replace an earlier load of the
-- same input. A load holds every record its file contains: new ones it adds, changed ones it writes over, and
-- unchanged ones it takes over. Before it writes over, removes or takes over a row, the row is copied here as it
-- was, marked with the load whose undo puts it back (undo_load). Undoing a load deletes the rows it holds and puts
-- these back, so the data is exactly as before it; a load whose rows a later load has since copied here cannot be
-- undone until that later load is.

alter table uploads add column replaced_by integer;  -- the load that replaced this one and took over its records

create table undo_actions as select *, 0 as undo_load from actions where false;
create table undo_action_updates as select *, 0 as undo_load from action_updates where false;
create table undo_activities as select *, 0 as undo_load from activities where false;
create table undo_activity_attendance as select *, 0 as undo_load from activity_attendance where false;
create table undo_population_baseline as select *, 0 as undo_load from population_baseline where false;
create table undo_audit_ratings as select *, 0 as undo_load from audit_ratings where false;
create table undo_feedback_entries as select *, 0 as undo_load from feedback_entries where false;
create table undo_dfe_ehc_plans as select *, 0 as undo_load from dfe_ehc_plans where false;
