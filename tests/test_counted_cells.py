"""The pages add up cells counted at load time (migrations 080-082); whatever happens to the loads, every figure is
the one counting the rows gives: after loads that overlap, after removing a load, after loading it again, after
retention, and on the sample database with its fixed record keys."""

import pytest
from pandas.testing import assert_frame_equal

from impact.domain import themes
from impact.queries import home, reach
from impact.queries import impact as impact_queries
from impact.queries.filters import Filters
from impact.store import cells, db
from pipelines.load import remove_upload
from pipelines.maintenance import remove_older_than
from tests.conftest import load_fixture

# big_bang_small.csv holds 6 responses; big_bang_later_export.csv holds one of them again and 2 new ones.
FILES = [
    ("big_bang_small.csv", "big_bang"),
    ("big_bang_later_export.csv", "big_bang"),
    ("big_bang_two_waves.csv", "big_bang"),
    ("involvement_2024-25.csv", "involvement"),
    ("involvement_2025-26.csv", "involvement"),
    ("local_offer_small.csv", "local_offer"),
]
FILTER_SETS = [
    Filters(),
    Filters(granularity="quarter"),
    Filters(workstream=("B4",)),
    Filters(workstream=("B3", "B4"), granularity="quarter"),
    Filters(respondent_types=("Parent carer",)),
    Filters(first="2025-26 Q1", last="2025-26 Q2"),
]

# What the pages counted from the rows before the cells: the same published macros over every row.
ROW_TREND = """
select ia.indicator, case when $granularity = 'wave' then ia.wave else ia.quarter end as period,
       least(published_count_if(ia.record_key, ia.is_positive), published_count_if(ia.record_key, ia.is_positive
             is not null)) as positive,
       published_count_if(ia.record_key, ia.is_positive is not null) as base
from filtered_indicator_answers($first, $last, $surveys, $respondent_types, $age_bands,
                                $primary_needs, $support_levels, $localities, $workstream) ia
group by all having published_count_if(ia.record_key, ia.is_positive is not null) > 0
order by indicator, period"""
ROW_RESPONDENTS = """
select case when $granularity = 'wave' then wave else quarter end as period,
       coalesce(respondent_type, 'Not recorded') as "group", published_count(record_key) as n
from filtered_responses($first, $last, $surveys, $respondent_types, $age_bands,
                        $primary_needs, $support_levels, $localities, $workstream)
group by all order by period, "group\""""
ROW_USEFULNESS = """
select coalesce(s.answer_text, 'Not recorded') as section,
       case when $granularity = 'wave' then r.wave else r.quarter end as period,
       published_part(r.record_key, u.is_positive, u.is_positive is not null) as positive,
       published_count_if(r.record_key, u.is_positive is not null) as base
from filtered_responses($first, $last, $surveys, $respondent_types, $age_bands,
                        $primary_needs, $support_levels, $localities, $workstream) r
join answers u on u.response_id = r.response_id and u.question_id = 'lo_useful'
left join answers s on s.response_id = r.response_id and s.question_id = 'lo_section'
where r.survey = 'local_offer'
group by all having published_count_if(r.record_key, u.is_positive is not null) > 0
order by section, period"""


def stored_cells_are_counted_from_rows(con) -> None:
    """Each cells table holds exactly the cells its macro counts from the rows now."""
    for table, (_, keys, counts) in cells.TABLES.items():
        names = ", ".join([*keys, *counts])
        stored = con.execute(f"select {names} from {table} order by all").fetchall()
        sql, params = cells._source(con, table, None)
        counted = con.execute(f"select {names} from ({sql}) order by all", params).fetchall()
        assert stored == counted, table


def same_figures_as_rows(con) -> int:
    """The pages' cell-based figures equal the ones counted from the rows; return how many frames were compared."""
    compared = 0
    for filters in FILTER_SETS:
        params = filters.period_params()
        trend = impact_queries.indicator_trend(con, filters)[["indicator", "period", "positive", "base"]]
        assert_frame_equal(
            trend.sort_values(["indicator", "period"]).reset_index(drop=True), con.execute(ROW_TREND, params).df()
        )
        assert_frame_equal(reach.respondents_by_type(con, filters), con.execute(ROW_RESPONDENTS, params).df())
        assert_frame_equal(
            impact_queries.local_offer_usefulness(con, filters), con.execute(ROW_USEFULNESS, params).df()
        )
        compared += 3
    rules = themes.theme_rules()
    if list(cells.coded_patterns(con).items()) == list(themes.theme_patterns(rules).items()):
        for filters in FILTER_SETS:
            by_cells = impact_queries.local_offer_theme_counts(con, filters, rules)
            assert_frame_equal(by_cells, impact_queries._theme_counts_from_rows(con, filters, rules))
            compared += 1
    for quarter in con.execute("select distinct quarter from responses").fetchall():
        expected = con.execute(
            "select published_count(record_key) from responses where quarter = ?", [quarter[0]]
        ).fetchone()[0]
        assert home.responses_in_quarter(con, quarter[0]) == expected
    return compared


def true_counts(con) -> dict[str, list]:
    """Every cell's counts without the record-key sums (a reloaded response draws a new record key)."""
    return {
        table: con.execute(
            f"select {', '.join([*keys, *(c for c in counts if not c.endswith('_keys'))])} from {table} order by all"
        ).fetchall()
        for table, (_, keys, counts) in cells.TABLES.items()
    }


@pytest.fixture
def loaded(con):
    """Every fixture file loaded, one load number each."""
    uploads = {}
    cells.code_themes(con, themes.theme_patterns(themes.theme_rules()))  # as the app does on start
    for name, kind in FILES:
        result = load_fixture(con, name, kind)
        assert result.status == "loaded", (name, result.message)
        uploads[name] = result.load.upload_id
    return con, uploads


def test_after_loads_that_overlap_every_figure_is_the_one_the_rows_give(loaded):
    con, _ = loaded
    stored_cells_are_counted_from_rows(con)
    assert same_figures_as_rows(con) == 4 * len(FILTER_SETS)
    assert con.execute("select sum(answered) from answer_cells").fetchone()[0] > 0
    assert con.execute("select sum(feedback) from local_offer_cells").fetchone()[0] > 0


def test_removing_a_load_then_loading_it_again_gives_the_same_counts(loaded):
    con, uploads = loaded
    before = true_counts(con)
    again = ["big_bang_small.csv", "local_offer_small.csv", "involvement_2025-26.csv"]
    for name in again:
        remove_upload(con, uploads[name], "test")
        stored_cells_are_counted_from_rows(con)
        same_figures_as_rows(con)
    assert true_counts(con) != before
    for name, kind in FILES:
        if name in again:
            assert load_fixture(con, name, kind).status == "loaded"
    # The same cells with the same counts; the published figures are the rows' under the newly drawn record keys.
    stored_cells_are_counted_from_rows(con)
    same_figures_as_rows(con)
    assert true_counts(con) == before


def test_removing_every_load_leaves_no_cell(loaded):
    con, uploads = loaded
    for upload_id in sorted(uploads.values(), reverse=True):
        remove_upload(con, upload_id, "test")
    for table in cells.TABLES:
        assert con.execute(f"select count(*) from {table}").fetchone()[0] == 0, table
    assert home.responses_in_quarter(con, "2025-26 Q1") == 0


def test_retention_takes_the_old_answers_out_of_every_figure(loaded):
    con, _ = loaded
    oldest, newest = con.execute("select min(submitted_at), max(submitted_at) from responses").fetchone()
    cutoff = (oldest + (newest - oldest) / 2).date()
    remove_older_than(con, cutoff, who="test")
    assert con.execute("select count(*) from responses where submitted_at < ?", [cutoff]).fetchone()[0] == 0
    stored_cells_are_counted_from_rows(con)
    same_figures_as_rows(con)


def test_the_sample_database_counts_its_cells_with_the_fixed_record_keys(sample_db_path):
    with db.reading(sample_db_path) as con:
        stored_cells_are_counted_from_rows(con)
        same_figures_as_rows(con)


def test_a_database_loaded_before_the_cells_gets_them_from_its_rows(tmp_path, sample_db_path):
    # The migrations fill the tables from what is loaded: emptied and rebuilt here, the cells are the same.
    path = tmp_path / "copy.duckdb"
    path.write_bytes(sample_db_path.read_bytes())
    con = db.connect(path)
    try:
        kept = {t: con.execute(f"select * from {t} order by all").fetchall() for t in cells.TABLES}
        for table in cells.TABLES:
            con.execute(f"delete from {table}")
        cells.rebuild(con)
        assert {t: con.execute(f"select * from {t} order by all").fetchall() for t in cells.TABLES} == kept
    finally:
        con.close()


def test_comments_coded_with_other_keywords_are_counted_from_the_comments(loaded):
    con, _ = loaded
    rules = themes.theme_rules()
    coded = [impact_queries.local_offer_theme_counts(con, filters, rules) for filters in FILTER_SETS]
    assert any(frame["comments"].sum() > 0 for frame in coded)
    # An officer changes a keyword: the cells coded before no longer answer, the comments themselves do.
    changed = {theme: [*keywords, "zebra"] for theme, keywords in rules.items()}
    assert list(cells.coded_patterns(con).items()) != list(themes.theme_patterns(changed).items())
    for filters in FILTER_SETS:
        counted = impact_queries.local_offer_theme_counts(con, filters, changed)
        assert_frame_equal(counted, impact_queries._theme_counts_from_rows(con, filters, changed))
    # Coded again with the new keywords, the cells answer and agree with the comments.
    assert cells.code_themes(con, themes.theme_patterns(changed))
    stored_cells_are_counted_from_rows(con)
    for filters, before in zip(FILTER_SETS, coded, strict=True):
        counted = impact_queries.local_offer_theme_counts(con, filters, changed)
        assert_frame_equal(counted, impact_queries._theme_counts_from_rows(con, filters, changed))
        assert_frame_equal(counted, before)  # "zebra" is in no comment


def test_themes_with_no_keywords_count_every_comment_as_other_from_cells_and_rows_alike(loaded):
    con, _ = loaded
    bare = dict.fromkeys(themes.theme_rules(), [])
    assert themes.theme_patterns(bare) == {}
    assert cells.code_themes(con, {})
    stored_cells_are_counted_from_rows(con)
    for filters in FILTER_SETS:
        counted = impact_queries.local_offer_theme_counts(con, filters, bare)
        assert_frame_equal(counted, impact_queries._theme_counts_from_rows(con, filters, bare))
