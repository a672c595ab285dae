-- Issue 17: Local Offer comments coded into themes at load time. Counting themes at query time ran one pattern per
-- theme over every comment (0.8 s at a million responses); the cells below hold, per quarter, respondent fields,
-- workstream bits and set of themes found (one bit per theme), the comments and the sum of their record keys.
-- The patterns the cells were coded with are kept beside them: the Impact page uses the cells only while they are
-- the patterns impact/domain/comment_themes.yaml gives now, and counts from the comments themselves otherwise, so a
-- changed keyword never shows a stale count. impact/store/cells.py codes them (code_themes) and keeps the cells.
create table comment_theme_patterns (
    bit     integer primary key,  -- 0..63, in the order of the rules file
    theme   varchar not null,
    pattern varchar not null      -- the RE2 pattern (impact/domain/themes.theme_patterns) over the lower-cased comment
);

create table local_offer_theme_cells (
    survey          varchar not null,
    wave            varchar not null,
    quarter         varchar not null,
    respondent_type varchar,
    age_band        varchar,
    primary_need    varchar,
    support_level   varchar,
    locality        varchar,
    workstream_bits ubigint not null,
    theme_bits      ubigint,           -- the themes found; 0: none (Other); NULL: a comment with no text
    comments        bigint not null,
    comment_keys    bigint not null
);

create macro filtered_local_offer_theme_cells(
    f_first, f_last, f_surveys, f_respondent_types, f_age_bands, f_primary_needs, f_support_levels,
    f_localities, f_workstream
) as table
select c.*
from local_offer_theme_cells c
where c.quarter between f_first and f_last
  and cell_matches(c.survey, c.respondent_type, c.age_band, c.primary_need, c.support_level, c.locality,
                   f_surveys, f_respondent_types, f_age_bands, f_primary_needs, f_support_levels, f_localities)
  and (f_workstream is null or len(f_workstream) = 0 or c.workstream_bits & workstream_mask(f_workstream) <> 0);
