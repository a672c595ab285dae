-- Which loads contain each response: the load that added it, and every later, overlapping export that held it
-- again (and skipped it as loaded before). Removing a load then removes only what no other load contains.
create table upload_responses (
    upload_id      integer not null,
    response_id    bigint not null,
    primary key (upload_id, response_id)
);
insert into upload_responses select upload_id, response_id from responses;
