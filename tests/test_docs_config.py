"""docs/configuration.md is what `python -m fitroom.docs_config` prints, so it cannot drift from `Settings`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from fitroom import docs_config
from fitroom.settings import Settings

PAGE = Path(__file__).resolve().parents[1] / "docs" / "configuration.md"
REGENERATE = "python -m fitroom.docs_config > docs/configuration.md"


def test_every_setting_says_what_it_does() -> None:
    assert docs_config.missing_descriptions() == [], (
        f"give these settings Field(description=...), then run {REGENERATE}"
    )


def test_the_configuration_page_is_what_the_generator_prints() -> None:
    assert PAGE.read_text() == docs_config.render(), f"docs/configuration.md is stale: run {REGENERATE}"


def test_the_page_lists_every_setting_with_its_variable_and_default() -> None:
    rows = [line for line in docs_config.render().splitlines() if line.startswith("| `FITROOM_")]
    assert [row.split("`")[1] for row in rows] == [f"FITROOM_{name.upper()}" for name in Settings.model_fields]
    retention = next(row for row in rows if "`FITROOM_RETENTION_HOURS`" in row)
    assert "| `24` |" in retention


def test_the_generator_runs_as_a_module_and_ignores_the_environment(tmp_path: Path) -> None:
    """Defaults come from the class, not from whatever `FITROOM_*` the shell that regenerates the page has set."""
    env = {"FITROOM_RETENTION_HOURS": "2", "PYTHONPATH": ":".join(sys.path)}
    result = subprocess.run(
        [sys.executable, "-m", "fitroom.docs_config"], cwd=tmp_path, env=env, capture_output=True, text=True, check=True
    )
    assert result.stdout == docs_config.render()
