"""Build the sample database from the shipped sample exports, through the same pipeline as any upload."""

import os
from pathlib import Path

from impact import config
from impact.domain.themes import theme_patterns, theme_rules
from impact.store import cells, db
from pipelines import dfe_baseline
from pipelines.ingest import ingest
from pipelines.load import sync_catalogue
from pipelines.maintenance import RESTORE_WAIT_SECONDS, DatabaseInUse, replace_file
from pipelines.validate import in_background

# Order matters: updates name actions that must already be loaded.
SAMPLE_FILES = [
    ("baseline", "population_baseline.csv"),
    ("actions", "actions.csv"),
    ("action_updates", "action_updates.csv"),
    ("activities", "activities.csv"),
    ("big_bang", "big_bang_*.csv"),
    ("involvement", "involvement_*.csv"),
    ("local_offer", "local_offer_*.csv"),
    ("audit", "participation_audit_*.csv"),
    ("feedback_loop", "you_said_we_did.csv"),
]
# The DfE's EHC plans file (its own layout, loaded for one local authority): the sample's fictional area.
DFE_SAMPLE = ("dfe_caseload.csv", "E06009999")


def sample_files(samples_dir: Path = config.SAMPLES_DIR) -> list[tuple[str, Path]]:
    """Return (input kind, path) for every shipped sample export, in load order."""
    found = []
    for kind, pattern in SAMPLE_FILES:
        found += [(kind, path) for path in sorted(samples_dir.glob(pattern))]
    return found


def build_sample_database(path: Path, samples_dir: Path = config.SAMPLES_DIR) -> dict[str, int]:
    """(Re)build the database at `path` from the sample exports; return rows loaded per input kind."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    building = path.with_name(f"{path.name}.building-{os.getpid()}")
    for stale in (building, Path(f"{building}.wal")):
        stale.unlink(missing_ok=True)
    con = db.connect(building)
    loaded: dict[str, int] = {}
    try:
        # Great Expectations validates each file in a second process while this one reads and loads the next; any
        # file it rejects stops the build before the half-built file could be swapped in.
        with in_background() as validation:
            sync_catalogue(con)  # once: every sample file uses the same catalogue
            for kind, file_path in sample_files(samples_dir):
                validation.source = file_path.name
                content = file_path.read_bytes()
                result = ingest(con, content, file_path.name, kind, loaded_by="sample data", catalogue=False)
                if result.status != "loaded":
                    _refuse(file_path.name, f"{result.message} {_sentences(result.prepared.problems)}")
                loaded[kind] = loaded.get(kind, 0) + result.load.rows_loaded
            validation.source = DFE_SAMPLE[0]
            loaded["dfe_baseline"] = load_dfe_sample(con, samples_dir)
            for file_name, problems in validation.failures()[:1]:
                _refuse(file_name, _sentences(problems))
        cells.code_themes(con, theme_patterns(theme_rules()))  # the comments' themes, coded once
        fix_record_keys(con)
        con.execute("checkpoint")
    except BaseException:
        con.close()
        for unfinished in (building, Path(f"{building}.wal")):
            unfinished.unlink(missing_ok=True)
        raise
    con.close()
    # Swap in the finished file, under the writers' lock, so nobody ever opens a half-built sample database.
    try:
        with db.file_lock(path, exclusive=True, wait=RESTORE_WAIT_SECONDS):
            replace_file(building, path, "before-samples")
    finally:
        building.unlink(missing_ok=True)
    return loaded


def _refuse(file_name: str, why: str) -> None:
    raise RuntimeError(f"Sample file {file_name} did not load: {why}")


def _sentences(problems) -> str:
    return "; ".join(problem.sentence() for problem in problems[:5])


# Real loads draw each record's key at random (migration 020). The sample database fixes them from each record's
# own identity instead, so every build of the shipped demo publishes the same perturbed figures.
SAMPLE_KEYS = {
    "responses": "survey || coalesce(source_response_id, response_id::varchar)",
    "activity_attendance": "activity_id::varchar || respondent_type || coalesce(age_band, '')",
    "population_baseline": "year::varchar || age_band || coalesce(locality, '') || coalesce(support_level, '')",
}


def fix_record_keys(con) -> None:
    """Give the sample records fixed keys (a hash of what identifies each record) in place of random ones."""
    for table, identity in SAMPLE_KEYS.items():
        con.execute(f"update {table} set record_key = (hash({identity}) % 256)::utinyint")
    cells.rebuild(con)  # the counted cells carry the record keys' sums


def loads_in(path: Path) -> int:
    """Return how many loads the database at `path` holds (0 when it does not exist)."""
    if not Path(path).exists():
        return 0
    with db.reading(path) as con:
        return con.execute("select count(*) from uploads").fetchone()[0]


def load_dfe_sample(con, samples_dir: Path) -> int:
    """Load the sample DfE caseload file for the sample area; return the rows loaded."""
    file_name, la_code = DFE_SAMPLE
    message, prepared = dfe_baseline.ingest_baseline(
        con, (samples_dir / file_name).read_bytes(), file_name, la_code, "sample data"
    )
    if not prepared.ok:
        raise RuntimeError(f"Sample file {file_name} did not load: {message}")
    return len(prepared.frame)


def ensure_database(path: Path | None = None) -> bool:
    """On first start at the default path, build the sample database; return True if built.

    A configured path (SEND_IMPACT_DB) is never filled with sample data: it starts empty."""
    path = Path(path or config.database_path())
    if path.exists() or path.resolve() != config.DEFAULT_DB_PATH.resolve():
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        build_sample_database(path)
    except DatabaseInUse:
        return False  # another process built it first, and has it open
    return True
