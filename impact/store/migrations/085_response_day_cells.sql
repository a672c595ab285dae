-- Issue 17: responses counted per survey, wave and day submitted, kept like the cells of migrations 080-083
-- (impact/store/cells.py: each load adds its responses, removing a load takes them away, retention and the sample
-- build count again). "Did it move" (the Quality page, and the Impact page's "what changed") dates each survey wave by
-- its first response: it read the submission time of every response (a million at 1M) and now reads these few rows.
-- min(day) over a wave's cells is its first response's date, as min(submitted_at)::date over its responses was.
create table response_day_cells (
    survey      varchar not null,
    wave        varchar not null,
    day         date not null,      -- the date the responses were submitted
    responses   bigint not null     -- every response, with or without a record key
);

create macro response_day_cells_of(x_upload_id) as table
select r.survey, r.wave, r.submitted_at::date as day, count(*) as responses
from responses r
where x_upload_id is null or r.upload_id = x_upload_id
group by all;

insert into response_day_cells select * from response_day_cells_of(null);
