-- Cell-key perturbation (issue 12), step 1: every record a viewer's count is made from carries a record key,
-- a random whole number 0..255 drawn once when the record is loaded, kept, and never shown. The default is
-- evaluated for each inserted row (and for each existing row when the column is added), so the pipelines that
-- insert these rows need no change. See docs/security.md, "Perturbed counts".
alter table responses add column record_key utinyint default (floor(random() * 256))::utinyint;
alter table activity_attendance add column record_key utinyint default (floor(random() * 256))::utinyint;
alter table population_baseline add column record_key utinyint default (floor(random() * 256))::utinyint;
