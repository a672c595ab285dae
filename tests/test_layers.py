"""The folders show the flow, and import-linter keeps it so: a wrong import fails with the rule it broke."""

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = [
    sys.executable,
    "-c",
    "import sys; from importlinter.cli import lint_imports_command; sys.exit(lint_imports_command())",
]


def lint_imports(project: Path) -> subprocess.CompletedProcess:
    return subprocess.run(LINT_IMPORTS + ["--no-cache"], cwd=project, capture_output=True, text=True, timeout=120)


def test_every_layer_imports_only_from_the_layers_below_it():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "3 kept, 0 broken" in result.stdout


def test_a_query_that_imports_streamlit_widgets_is_named_with_the_rule_it_breaks(tmp_path):
    for folder in ("impact", "pipelines", "pages"):
        shutil.copytree(
            ROOT / folder, tmp_path / folder, ignore=shutil.ignore_patterns("*.sql", "*.yaml", "__pycache__")
        )
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    wrong = tmp_path / "impact" / "queries" / "common.py"
    wrong.write_text("from impact.views import ui  # upward: a query reaching into the views\n" + wrong.read_text())

    result = lint_imports(tmp_path)

    assert result.returncode != 0
    assert "Layers: pages -> views" in result.stdout and "BROKEN" in result.stdout
    assert "impact.queries.common -> impact.views.ui" in result.stdout
