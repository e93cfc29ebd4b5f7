"""The README and docs/ say only what is true of the code: commands, options, targets, settings, links, the engine example.

Docs drift silently; these checks make a renamed option, a removed make target, a
misspelt setting or a moved page fail the suite instead of misleading the next reader.
"""

from __future__ import annotations

import io
import re
import tomllib
from pathlib import Path
from typing import Any

import pytest
import typer.main
from PIL import Image

from fitroom.cli import app
from fitroom.engines import EngineError, RenderOptions, load_engine
from fitroom.settings import Settings
from tests.support.images import flat_photo, garment_photo, person_photo

ROOT = Path(__file__).resolve().parents[1]
PAGES = sorted([ROOT / "README.md", ROOT / "SECURITY.md", ROOT / "bench" / "README.md", *(ROOT / "docs").glob("*.md")])
README_LIMIT = 8 * 1024

FENCE = re.compile(r"^```[^\n]*\n(.*?)^```", re.DOTALL | re.MULTILINE)
INLINE = re.compile(r"`([^`\n]+)`")
LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")
COMMAND = re.compile(r"(?<![\w@-])fitroom\s+([a-z][a-z-]*)(?:\s+([a-z][a-z-]*))?")
OPTION = re.compile(r"(?<![\w-])(--[a-z][a-z-]*)")
MAKE = re.compile(r"(?<![\w./-])make\s+(?:[A-Z_]+=\S+\s+)*([a-z][\w-]*)")
VARIABLE = re.compile(r"\bFITROOM_[A-Z0-9_]*[A-Z0-9]\b")


def code_lines(page: Path) -> list[str]:
    """Every line of the page's code: fenced blocks (continuation lines joined to theirs) and inline spans."""
    text = page.read_text()
    lines: list[str] = []
    for block in FENCE.findall(text):
        for line in block.splitlines():
            if line[:1].isspace() and lines and line.strip():
                lines[-1] += " " + line.strip()
            else:
                lines.append(line)
    outside = FENCE.sub("", text)
    return lines + INLINE.findall(outside)


def cli_commands() -> dict[str, Any]:
    """`fitroom`'s click commands by their full name (`serve`, `keys create`, …)."""
    found: dict[str, Any] = {}
    for name, command in typer.main.get_command(app).commands.items():  # type: ignore[attr-defined]
        found.update({f"{name} {sub}": cmd for sub, cmd in getattr(command, "commands", {}).items()})
        found[name] = command
    return found


def slug(heading: str) -> str:
    """The anchor a Markdown renderer (GitHub's rules) makes of a heading."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return text.replace(" ", "-")


def test_the_readme_reads_in_five_minutes() -> None:
    size = len((ROOT / "README.md").read_bytes())
    assert size <= README_LIMIT, f"README.md is {size} bytes; move detail into docs/ (limit {README_LIMIT})"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_link_between_pages_resolves(page: Path) -> None:
    for target in LINK.findall(page.read_text()):
        if re.match(r"[a-z]+:", target):
            continue
        path, _, anchor = target.partition("#")
        linked = (page.parent / path).resolve() if path else page
        assert linked.exists(), f"{page.name} links to {target}, which does not exist"
        if anchor and linked.suffix == ".md":
            headings = re.findall(r"^#+\s+(.*)$", FENCE.sub("", linked.read_text()), re.MULTILINE)
            assert anchor in {slug(h) for h in headings}, f"{page.name} links to {target}: no such heading"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_fitroom_command_and_option_the_docs_name_exists(page: Path) -> None:
    commands = cli_commands()
    for line in code_lines(page):
        for match in COMMAND.finditer(line):
            first, second = match.group(1), match.group(2)
            name = f"{first} {second}" if f"{first} {second}" in commands else first
            assert name in commands, f"{page.name}: `fitroom {first}` is not a command ({line.strip()})"
            rest = line[match.end() :].split(" #")[0]
            rest = COMMAND.split(rest, maxsplit=1)[0]  # stop at the next command on the line
            known = {opt for param in commands[name].params for opt in param.opts}
            for option in OPTION.findall(rest):
                assert option in known, f"{page.name}: `fitroom {name}` has no option {option} ({line.strip()})"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_make_target_the_docs_name_exists(page: Path) -> None:
    targets = set(re.findall(r"^([a-z][\w-]*):", (ROOT / "Makefile").read_text(), re.MULTILINE))
    for line in code_lines(page):
        for target in MAKE.findall(line):
            assert target in targets, f"{page.name}: `make {target}` is not a Makefile target"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_fitroom_variable_the_docs_name_is_read_somewhere(page: Path) -> None:
    prefix = Settings.model_config.get("env_prefix", "")
    known = {f"{prefix}{name}".upper() for name in Settings.model_fields}
    for folder in ("src", "tests", "bench"):
        for source in (ROOT / folder).rglob("*.py"):
            known.update(VARIABLE.findall(source.read_text()))
    unknown = sorted(set(VARIABLE.findall(page.read_text())) - known)
    assert unknown == [], f"{page.name} names variables nothing reads: {unknown}"


def engine_example() -> tuple[str, dict[str, object]]:
    """docs/engines.md's example module and its pyproject.toml."""
    text = (ROOT / "docs" / "engines.md").read_text()
    example = text[text.index("## Example") :]
    python = next(b for b in FENCE.findall(example) if "class " in b and "def render" in b)
    toml = next(b for b in FENCE.findall(example) if "[project" in b)
    return python, tomllib.loads(toml)


def test_the_engine_plugin_example_installs_and_renders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The example, laid out as the installed package it describes, is found through its entry point."""
    source, project = engine_example()
    entry_points: dict[str, str] = project["project"]["entry-points"]["fitroom.engines"]  # type: ignore[index]
    ((name, target),) = entry_points.items()
    module, _, attribute = target.partition(":")
    (tmp_path / module).mkdir()
    (tmp_path / module / "__init__.py").write_text(source)
    dist = tmp_path / f"{module}-0.1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {project['project']['name']}\nVersion: 0.1.0\n")  # type: ignore[index]
    (dist / "entry_points.txt").write_text(f"[fitroom.engines]\n{name} = {target}\n")
    monkeypatch.syspath_prepend(str(tmp_path))

    engine = load_engine(name)
    assert type(engine).__name__ == attribute
    person = Image.open(io.BytesIO(person_photo((600, 800)))).convert("RGB")
    garment = Image.open(io.BytesIO(garment_photo())).convert("RGB")
    seen: list[float] = []
    out = engine.render(person, [garment], RenderOptions(swap_target="top", tier="nano"), seen.append)
    assert max(out.size) == 512 and seen[-1] == 1.0
    assert max(engine.render(person, [garment], RenderOptions(tier="pro")).size) == 800  # never enlarged
    with pytest.raises(EngineError) as refused:
        engine.render(Image.open(io.BytesIO(flat_photo())).convert("RGB"), [garment], RenderOptions())
    assert refused.value.code == "no_person_detected"
