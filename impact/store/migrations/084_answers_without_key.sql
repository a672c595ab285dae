-- Issue 17: answers lose their primary key (response_id, question_id). Keeping that index up to date was most of a
-- large file's load (a million responses: inserting 5.5M answers 5.6 s and committing 3.8 s; 1.2 s without it), and
-- it guards nothing the load does not already: a load builds answers from a frame with one column per question, for
-- the responses it has just added, which the responses table's unique (survey, source_response_id) keeps to one
-- each (tests/test_answers_unique.py checks that no load stores two answers for one response and question).
-- The table is rebuilt with the same columns in the same order; the views and macros over it bind by name.
create table answers_without_key (
    response_id    bigint not null,
    survey         varchar not null,
    question_id    varchar not null,
    answer_text    varchar,               -- as given (free text redacted before storage)
    score          double,                -- 1..5 on a scale question, 1/0 for yes/no
    is_positive    boolean                -- null when missing, "Prefer not to say" or "Don't know": out of the base
);
insert into answers_without_key select response_id, survey, question_id, answer_text, score, is_positive from answers;
drop table answers;
alter table answers_without_key rename to answers;
