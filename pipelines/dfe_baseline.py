"""The DfE's published "Education, health and care plans" caseload.csv as a population baseline: read the file,
keep the chosen local authority, its region and England, turn ages into reporting bands, validate, and load.

The file is the DfE's own format (one row per year, area and breakdown), so it needs no header mapping: the
columns named in REQUIRED_COLUMNS are the publisher's, documented in its data-guidance.txt.
"""

import re
from dataclasses import dataclass, field

import pandas as pd

from pipelines.load import LoadResult, find_upload
from pipelines.normalise import age_band
from pipelines.read import UnreadableFile, file_sha256, read_export
from pipelines.validate import Problem, validate

KIND = "dfe_caseload"
SUITE = "dfe_caseload"
AGE_TOPIC = "Child or young persons age"
TOTAL_TOPIC = "All EHC plans"
ALL_AGES = "All ages"
REQUIRED_COLUMNS = [
    "time_period",
    "geographic_level",
    "country_code",
    "country_name",
    "region_code",
    "region_name",
    "new_la_code",
    "la_name",
    "breakdown_topic",
    "breakdown",
    "ehcplans",
]
# Markers the DfE publishes instead of a number: x suppressed, z not applicable, c confidential, low below 0.5.
NOT_PUBLISHED = {"x", "z", "c", "low", ":"}
LABELS = {"plans": "ehcplans", "plans_raw": "ehcplans", "age": "breakdown", "census_year": "time_period"}
# Which of the publisher's columns name the area at each geographic level: (code, name).
AREA_COLUMNS = {
    "Local authority": ("new_la_code", "la_name"),
    "Regional": ("region_code", "region_name"),
    "National": ("country_code", "country_name"),
}


@dataclass
class PreparedBaseline:
    """The chosen area's rows read, normalised and validated, not yet loaded."""

    file_name: str
    sha256: str
    area: dict = field(default_factory=dict)
    frame: pd.DataFrame | None = None
    problems: list[Problem] = field(default_factory=list)
    earlier_load: tuple | None = None

    @property
    def ok(self) -> bool:
        return not self.problems and self.frame is not None and not self.frame.empty


def read_caseload(content: bytes, file_name: str) -> pd.DataFrame:
    """Return the file's rows as text; raise UnreadableFile if it is not the DfE caseload file."""
    raw = read_export(content, file_name)
    missing = [c for c in REQUIRED_COLUMNS if c not in raw]
    if missing:
        raise UnreadableFile(
            f"{file_name} does not look like the DfE caseload.csv: it has no {', '.join(missing)} column"
            f"{'s' if len(missing) > 1 else ''}."
        )
    return raw


def local_authorities(raw: pd.DataFrame) -> pd.DataFrame:
    """Return each local authority in the file with its region, by name: la_code, la_name, region_code, region_name."""
    las = raw[raw["geographic_level"] == "Local authority"]
    return (
        las[["new_la_code", "la_name", "region_code", "region_name"]]
        .dropna(subset=["new_la_code"])
        .drop_duplicates("new_la_code", keep="last")
        .rename(columns={"new_la_code": "la_code"})
        .sort_values("la_name")
        .reset_index(drop=True)
    )


def select_area(raw: pd.DataFrame, la_code: str) -> tuple[dict, pd.DataFrame]:
    """Return the area chosen (codes and names) and the rows for it, its region and England: plans by age and total."""
    las = local_authorities(raw)
    match = las[las["la_code"] == la_code]
    if match.empty:
        raise ValueError(f"Local authority {la_code} is not in the file.")
    area = match.iloc[0].to_dict()
    level = raw["geographic_level"]
    wanted = (
        ((level == "Local authority") & (raw["new_la_code"] == la_code))
        | ((level == "Regional") & (raw["region_code"] == area["region_code"]))
        | (level == "National")
    ) & raw["breakdown_topic"].isin([AGE_TOPIC, TOTAL_TOPIC])
    return area, raw[wanted].copy()


def normalise_caseload(rows: pd.DataFrame) -> pd.DataFrame:
    """Return one row per year, area and age: the January census year, area code and name, age, band and plans."""
    out = pd.DataFrame({"row_number": rows["row_number"]})
    out["time_period"] = rows["time_period"].str.strip()
    out["census_year"] = out["time_period"].map(lambda p: str(int(p[:4]) + 1) if re.fullmatch(r"20\d{4}", p) else p)
    out["geographic_level"] = rows["geographic_level"]
    out["area_code"] = rows.apply(
        lambda row: row[AREA_COLUMNS.get(row["geographic_level"], AREA_COLUMNS["National"])[0]], axis=1
    )
    out["area_name"] = rows.apply(
        lambda row: row[AREA_COLUMNS.get(row["geographic_level"], AREA_COLUMNS["National"])[1]], axis=1
    )
    is_total = rows["breakdown_topic"] == TOTAL_TOPIC
    out["age"] = rows["breakdown"].str.strip().where(~is_total, ALL_AGES)
    parsed = out["age"].map(parse_dfe_age)
    out["age_years"] = pd.array([p[0] for p in parsed], dtype="Int64")
    out["age_band"] = [p[1] for p in parsed]
    out["plans_raw"] = rows["ehcplans"].str.strip()
    published = ~out["plans_raw"].str.lower().isin(NOT_PUBLISHED)
    out["plans"] = pd.to_numeric(out["plans_raw"].where(published), errors="coerce").astype("Int64")
    return out.reset_index(drop=True)


def parse_dfe_age(label: str) -> tuple[int | None, str | None]:
    """Return (age in years, reporting band) for the DfE's 'under 3', 'age 14', 'age 2 and under', 'age 20 and over'."""
    text = str(label).strip().lower()
    if text in ("under 3", "age 2 and under"):
        return 2, age_band(2)
    if match := re.fullmatch(r"age (\d{1,2})( and over)?", text):
        years = int(match.group(1))
        return years, age_band(years)
    return None, None


def prepare_baseline(con, content: bytes, file_name: str, la_code: str) -> PreparedBaseline:
    """Return the chosen area's rows read, normalised and validated, with every problem found."""
    # The same file may be loaded for a second area, so the area is part of what makes a load unique.
    prepared = PreparedBaseline(file_name, file_sha256(content + b"\0" + la_code.encode()))
    prepared.earlier_load = find_upload(con, prepared.sha256)
    try:
        raw = read_caseload(content, file_name)
        prepared.area, rows = select_area(raw, la_code)
    except (UnreadableFile, ValueError) as error:
        prepared.problems = [Problem("file", str(error), 0)]
        return prepared
    prepared.frame = normalise_caseload(rows)
    prepared.problems = validate(prepared.frame, SUITE, labels=LABELS)
    return prepared


def load_baseline(con, prepared: PreparedBaseline, loaded_by: str, replaces: int | None = None) -> LoadResult:
    """Load a validated area in one transaction; a later load of the same year and area replaces it (undoably)."""
    from pipelines.record_loads import load_records

    frame = prepared.frame
    result, _ = load_records(
        con, KIND, frame, prepared.file_name, prepared.sha256, loaded_by, replaces=replaces, area=prepared.area
    )
    return result


def ingest_baseline(con, content: bytes, file_name: str, la_code: str, loaded_by: str) -> tuple[str, PreparedBaseline]:
    """Read, validate and load the chosen area; return a sentence saying what happened, and what was prepared."""
    prepared = prepare_baseline(con, content, file_name, la_code)
    if prepared.earlier_load:
        _, name, when = prepared.earlier_load
        return f"{name} was already loaded for this area on {when:%d %b %Y %H:%M}; nothing loaded.", prepared
    if not prepared.ok:
        return f"{file_name} was not loaded: {len(prepared.problems)} problem(s) to fix.", prepared
    result = load_baseline(con, prepared, loaded_by)
    years = sorted(prepared.frame["census_year"].unique())
    return (
        f"Loaded {result.rows_loaded} rows of active EHC plans for {prepared.area['la_name']}, "
        f"{prepared.area['region_name']} and England, January {years[0]} to January {years[-1]}.",
        prepared,
    )


def authority_choices(raw: pd.DataFrame) -> dict[str, str]:
    """Return each local authority's code with the label to pick it by, e.g. 'Portsmouth (South East)'."""
    las = local_authorities(raw)
    return {row.la_code: f"{row.la_name} ({row.region_name})" for row in las.itertuples()}
