"""The README's first command on a fresh machine: it makes and reuses .venv, and says plainly what is missing."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def project_copy(tmp_path: Path, requirements: str = "") -> Path:
    """A folder laid out like the project, with the real start script and its own requirements file."""
    (tmp_path / "scripts").mkdir()
    shutil.copy(ROOT / "scripts" / "start.sh", tmp_path / "scripts" / "start.sh")
    (tmp_path / "requirements.txt").write_text(requirements)
    return tmp_path


def start(folder: Path, python: str = sys.executable) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHON": python, "PIP_NO_INDEX": "1"}
    return subprocess.run(["bash", "scripts/start.sh"], cwd=folder, env=env, capture_output=True, text=True)


def test_it_makes_a_virtual_environment_then_reuses_it_without_reinstalling(tmp_path):
    pytest.importorskip("ensurepip", reason="this Python cannot make virtual environments (no python3-venv)")
    folder = project_copy(tmp_path)  # nothing to install, so no network is needed
    first = start(folder)
    venv = folder / ".venv"
    assert (venv / "bin" / "python").exists() and (venv / "installed-requirements.txt").exists()
    # The copy has no packages in its .venv, so Streamlit itself does not start: the set-up before it is tested.
    assert "No module named streamlit" in first.stderr
    made = (venv / "pyvenv.cfg").stat().st_mtime_ns
    installed = (venv / "installed-requirements.txt").stat().st_mtime_ns
    second = start(folder)
    assert "Installing" not in second.stdout
    assert (venv / "pyvenv.cfg").stat().st_mtime_ns == made
    assert (venv / "installed-requirements.txt").stat().st_mtime_ns == installed
    (folder / "requirements.txt").write_text("# changed\n")
    assert "Installing the dashboard's packages" in start(folder).stdout


def test_without_the_venv_module_it_says_which_package_to_install(tmp_path):
    # Debian's and Ubuntu's own Python without python3-venv: `python3 -m venv` fails (ensurepip is missing).
    fake = tmp_path / "python3"
    fake.write_text(
        f'#!/bin/sh\nif [ "$1" = "-m" ] && [ "$2" = "venv" ]; then mkdir -p "$3"; '
        f'echo "ensurepip is not available" >&2; exit 1; fi\nexec {sys.executable} "$@"\n'
    )
    fake.chmod(0o755)
    (tmp_path / "project").mkdir()
    folder = project_copy(tmp_path / "project")
    run = start(folder, str(fake))
    assert run.returncode == 1
    assert "install its venv module with 'apt install python3-venv'" in run.stdout
    assert not (folder / ".venv").exists()  # no half-made environment left to trip the next try
