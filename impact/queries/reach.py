"""Queries behind the Reach page: who responds and attends, by age band and type, and reach against the population.

Every function takes the shared Filters and binds them as parameters of the filtered_* table macros
(migration 005); nothing the user chose is ever written into SQL text. Counts of people, and population counts, are
published (perturbed) counts from the published_* macros (migration 021), so no difference of two views gives a small
number away; the measures layer applies the small-number rules on top. Respondents are counted by adding up the
cells counted at load time (filtered_response_cells, migration 081), which publish exactly what the rows did.
"""

import duckdb
import pandas as pd

from impact.queries.filters import NOT_RECORDED, Filters

Connection = duckdb.DuckDBPyConnection

# Fields the population baseline is broken down by, so reach can be a rate for each.
RATE_GROUPS = {"age_band": "Age band", "locality": "Locality", "support_level": "Support level"}
# Respondents who speak for a child or young person: young people themselves, and parent carers about their child.
SPEAK_FOR_A_CHILD = ["Young person", "Parent carer"]
# Who the local baseline counts, in words; the SQL macro in_send_population (migration 040) is the rule itself.
POPULATION = "children and young people with an EHC plan or on SEN Support"


def young_people_by_age_band(con: Connection, filters: Filters) -> pd.DataFrame:
    """Return young people who responded per period and age band (those whose age is not known are left out)."""
    return _young_people_by_age_band(con, filters)


def _young_people_by_age_band(con: Connection, filters: Filters) -> pd.DataFrame:
    return con.execute(
        """select case when $granularity = 'wave' then wave else quarter end as period, age_band,
               published_total(responses, response_keys) as n
        from filtered_response_cells($first, $last, $surveys, $respondent_types, $age_bands,
                                     $primary_needs, $support_levels, $localities, $workstream)
        where respondent_type = 'Young person' and age_band is not null
        group by all order by period, age_band""",
        filters.period_params(),
    ).df()


def attendance_by_age_band(con: Connection, filters: Filters) -> pd.DataFrame:
    """Return attendances by young people at participation activities per period and age band.

    part_year is true for a year with fewer than four quarters of activity records."""
    return _attendance_by_age_band(con, filters)


def _attendance_by_age_band(con: Connection, filters: Filters) -> pd.DataFrame:
    return con.execute(
        """with attended as (
            select case when $granularity = 'wave' then wave else quarter end as period, quarter, age_band,
                   attendees, record_key
            from filtered_attendance($first, $last, $respondent_types, $age_bands, $workstream)
            where respondent_type = 'Young person'
        )
        select period, age_band, published_sum(attendees, record_key)::integer as n,
               $granularity = 'wave' and (select count(distinct quarter) from attended a
                                          where a.period = attended.period) < 4 as part_year
        from attended
        group by all order by period, age_band""",
        filters.attendance_params(),
    ).df()


def respondents_by_type(con: Connection, filters: Filters) -> pd.DataFrame:
    """Return respondents per period and respondent type ("Not recorded" where the type is missing)."""
    return _respondents_by_type(con, filters)


def _respondents_by_type(con: Connection, filters: Filters) -> pd.DataFrame:
    return con.execute(
        """select case when $granularity = 'wave' then wave else quarter end as period,
               coalesce(respondent_type, $not_recorded) as "group", published_total(responses, response_keys) as n
        from filtered_response_cells($first, $last, $surveys, $respondent_types, $age_bands,
                                     $primary_needs, $support_levels, $localities, $workstream)
        group by all order by period, "group\"""",
        {**filters.period_params(), "not_recorded": NOT_RECORDED},
    ).df()


def reach_rates(con: Connection, filters: Filters, dimension: str) -> pd.DataFrame:
    """Return respondents who speak for a child, and children in the population baseline, per period and group.

    Each period is compared with the baseline taken in the January inside it (the latest earlier one if that is
    missing). Numerator and denominator are the same population (POPULATION): a respondent counts only when the
    child has an EHC plan or is on SEN Support. The age band, locality and support level filters narrow both."""
    if dimension not in RATE_GROUPS:
        raise ValueError(f"Cannot rate by {dimension!r}; choose one of {', '.join(RATE_GROUPS)}.")

    return _reach_rates(con, filters, dimension)


def _reach_rates(con: Connection, filters: Filters, dimension: str) -> pd.DataFrame:
    return con.execute(
        """with respondents as (
            select case when $granularity = 'wave' then wave else quarter end as period,
                   (left(wave, 4)::integer + 1)::varchar as census_year,
                   case $dimension when 'age_band' then age_band when 'locality' then locality
                                   else support_level end as grp, responses, response_keys
            from filtered_response_cells($first, $last, $surveys, $respondent_types, $age_bands,
                                         $primary_needs, $support_levels, $localities, $workstream)
            where list_contains($speak_for_a_child, respondent_type) and in_send_population(support_level)
        ),
        baseline_years as (select distinct year from population_baseline),
        period_year as (
            select distinct period, coalesce(
                (select max(year) from baseline_years where year <= census_year),
                (select min(year) from baseline_years)) as year
            from respondents where grp is not null
        ),
        population as (
            select year, case $dimension when 'age_band' then age_band when 'locality' then locality
                                         else support_level end as grp,
                   published_sum(children, record_key)::integer as population
            from population_baseline
            where in_send_population(support_level)
              and (len($age_bands) = 0 or list_contains($age_bands, age_band))
              and (len($localities) = 0 or list_contains($localities, locality))
              and (len($support_levels) = 0 or list_contains($support_levels, support_level))
            group by all
        ),
        counted as (
            select period, grp, published_total(responses, response_keys) as respondents from respondents group by all
        )
        select p.period, p.year as baseline_year, pop.grp as "group",
               coalesce(c.respondents, 0)::integer as respondents, pop.population
        from period_year p
        join population pop on pop.year = p.year
        left join counted c on c.period = p.period and c.grp = pop.grp
        order by p.period, "group\"""",
        {**filters.period_params(), "dimension": dimension, "speak_for_a_child": SPEAK_FOR_A_CHILD},
    ).df()


def has_baseline(con: Connection) -> bool:
    """Return whether any population baseline is loaded."""
    return con.execute("select count(*) from population_baseline").fetchone()[0] > 0


def dfe_area(con: Connection) -> dict | None:
    """Return the local authority and region the DfE baseline was last loaded for, or None."""
    row = con.execute(
        "select la_code, la_name, region_code, region_name from dfe_area order by upload_id desc limit 1"
    ).fetchone()
    return dict(zip(["la_code", "la_name", "region_code", "region_name"], row, strict=True)) if row else None


def dfe_plans_by_age_band(con: Connection) -> pd.DataFrame:
    """Return active EHC plans by age band in the latest January with ages, for the area, its region and England.

    Rows: census_year, geographic_level, area_name, age_band, plans, suppressed (cells the DfE published as "x"),
    total (all the area's plans that January)."""
    return con.execute(
        """with area as (select * from dfe_area order by upload_id desc limit 1),
        chosen as (
            select p.* from dfe_ehc_plans p, area a
            where p.area_code in (a.la_code, a.region_code) or p.geographic_level = 'National'
        ),
        latest as (
            select max(census_year) as census_year from chosen, area
            where chosen.area_code = area.la_code and chosen.age_band is not null
        ),
        totals as (select area_code, plans as total from chosen join latest using (census_year) where age = 'All ages')
        select c.census_year, c.geographic_level,
               case c.geographic_level when 'Local authority' then 1 when 'Regional' then 2 else 3 end as level_order,
               c.area_name, c.age_band,
               coalesce(sum(c.plans), 0)::integer as plans, count(*) filter (where c.plans is null) as suppressed,
               t.total
        from chosen c join latest using (census_year) left join totals t using (area_code)
        where c.age_band is not null
        group by all
        order by level_order, c.age_band""",
    ).df()


def dfe_total_plans(con: Connection) -> pd.DataFrame:
    """Return the chosen area's active EHC plans in each January the DfE published (census_year, plans)."""
    return con.execute(
        """select p.census_year, p.plans from dfe_ehc_plans p
        where p.age = 'All ages' and p.area_code = (select la_code from dfe_area order by upload_id desc limit 1)
        order by p.census_year""",
    ).df()


def dfe_reach_rates(con: Connection, filters: Filters) -> pd.DataFrame:
    """Return young people and parent carers with an EHC plan who responded, per period and age band, beside the
    active EHC plans the DfE counted for the area that January (the latest earlier January if that is missing)."""
    return _dfe_reach_rates(con, filters)


def _dfe_reach_rates(con: Connection, filters: Filters) -> pd.DataFrame:
    return con.execute(
        """with respondents as (
            select case when $granularity = 'wave' then wave else quarter end as period,
                   (left(wave, 4)::integer + 1)::varchar as census_year, age_band as grp, responses, response_keys
            from filtered_response_cells($first, $last, $surveys, $respondent_types, $age_bands,
                                         $primary_needs, $support_levels, $localities, $workstream)
            where list_contains($speak_for_a_child, respondent_type) and support_level = 'EHC plan'
              and age_band is not null
        ),
        plans as (
            select census_year as year, age_band as grp, sum(plans)::integer as population
            from dfe_ehc_plans
            where area_code = (select la_code from dfe_area order by upload_id desc limit 1) and age_band is not null
              and (len($age_bands) = 0 or list_contains($age_bands, age_band))
            group by all
        ),
        years as (select distinct year from plans),
        period_year as (
            select distinct period, coalesce((select max(year) from years where year <= census_year),
                                             (select min(year) from years)) as year
            from respondents
        ),
        counted as (
            select period, grp, published_total(responses, response_keys) as respondents from respondents group by all
        )
        select p.period, p.year as baseline_year, pl.grp as "group",
               coalesce(c.respondents, 0)::integer as respondents, pl.population
        from period_year p
        join plans pl on pl.year = p.year
        left join counted c on c.period = p.period and c.grp = pl.grp
        order by p.period, "group\"""",
        {**filters.period_params(), "speak_for_a_child": SPEAK_FOR_A_CHILD},
    ).df()
