"""fitroom's words (job and delivery states, tiers, swap targets) are spelt only in the domain module.

Everywhere else names them through `fitroom.domain`, so a renamed or added word is one
edit and a misspelling is an import error, not a silent miss. The dialects' wire formats
(`fitroom/wire/`) spell their own words, which may match ours. Docstrings may use the words.
"""

from __future__ import annotations

import ast
from pathlib import Path

from fitroom import domain

PACKAGE = Path(domain.__file__).resolve().parent
WORDS = frozenset(
    word
    for vocabulary in (domain.JobStatus, domain.DeliveryStatus, domain.TierName, domain.SwapTarget)
    for word in vocabulary
)

#: Module-level definitions whose strings match our words by coincidence: (module, name) → why.
ALLOWED = {
    ("engines/fashn_vton/labels.py", "LABELS"): "FASHN's human-parser label names (its numbering)",
    ("engines/fashn_vton/labels.py", "_UPPER_CLOTHES"): "FASHN's human-parser label names",
    ("engines/fashn_vton/labels.py", "IDENTITY_LABELS"): "FASHN's human-parser label names",
    ("engines/fashn_vton/masks.py", "GARMENT_LABEL"): "FASHN's human-parser label names",
    ("evaluate.py", "summarise"): "metrics.json's count of failed pairs, not a job state",
}


def _exempt(path: Path, package: Path) -> bool:
    relative = path.relative_to(package)
    return relative.as_posix() == "domain.py" or relative.parts[0] == "wire"


def _docstrings(tree: ast.Module) -> set[int]:
    owners = (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)
    return {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, owners)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }


def _name(statement: ast.stmt) -> str:
    """What a module-level statement defines, for the allow-list."""
    if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
        return statement.name
    if isinstance(statement, ast.Assign) and isinstance(statement.targets[0], ast.Name):
        return statement.targets[0].id
    if isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name):
        return statement.target.id
    return ""


def spelt_out(package: Path = PACKAGE) -> list[str]:
    """`module:line: 'word' (definition)` for each of our words spelt as a string outside the domain and wire."""
    found = []
    for path in sorted(package.rglob("*.py")):
        if _exempt(path, package):
            continue
        module = path.relative_to(package).as_posix()
        tree = ast.parse(path.read_text(), filename=str(path))
        docstrings = _docstrings(tree)
        for statement in tree.body:
            name = _name(statement)
            if (module, name) in ALLOWED:
                continue
            for node in ast.walk(statement):
                if (
                    isinstance(node, ast.Constant)
                    and isinstance(node.value, str)
                    and node.value in WORDS
                    and id(node) not in docstrings
                ):
                    found.append(f"{module}:{node.lineno}: {node.value!r} ({name or 'statement'})")
    return found


def test_no_word_of_ours_is_spelt_outside_the_domain_and_wire() -> None:
    found = spelt_out()
    assert not found, "name these through fitroom.domain:\n" + "\n".join(found)


def test_every_allowed_definition_still_exists() -> None:
    """An allow-list entry whose definition is gone or renamed is removed, not left to excuse a new one."""
    defined = {
        (path.relative_to(PACKAGE).as_posix(), _name(statement))
        for path in PACKAGE.rglob("*.py")
        for statement in ast.parse(path.read_text()).body
    }
    assert set(ALLOWED) <= defined


def test_the_scan_finds_a_word_spelt_out(tmp_path: Path) -> None:
    (tmp_path / "wire").mkdir()
    (tmp_path / "wire" / "dialect.py").write_text('CATEGORY = "top"\n')
    (tmp_path / "engine.py").write_text('"""Puts on a top."""\n\nLAYER = "top"\n')
    assert spelt_out(tmp_path) == ["engine.py:3: 'top' (LAYER)"]
