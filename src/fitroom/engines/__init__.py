"""Try-on engines, chosen by name (`FITROOM_ENGINE`).

A name is one of the built-in engines, an installed plugin registered under the
`fitroom.engines` entry-point group, or an import path `package.module:attribute`.
"""

from __future__ import annotations

import importlib
from importlib.metadata import entry_points

from fitroom.engines.base import Engine, EngineError, Progress, RenderOptions

#: Built-in engines by name.
BUILTIN: dict[str, str] = {
    "classic": "fitroom.engines.classic:ClassicEngine",
    "fashn-vton": "fitroom.engines.fashn_vton:load",
}


class EngineUnavailable(Exception):
    """The configured engine cannot be loaded; jobs fail with `engine_error`."""


def load_engine(name: str) -> Engine:
    """Instantiate the engine called `name` (see the module docstring for the forms)."""
    target = BUILTIN.get(name)
    if target is None:
        found = entry_points(group="fitroom.engines", name=name)
        target = next(iter(found)).value if found else name
    if ":" not in target:
        known = ", ".join(sorted(BUILTIN)) or "none built in yet"
        raise EngineUnavailable(
            f"unknown engine {name!r} (built-in: {known}; or give module:attribute)"
        )
    module_name, _, attribute = target.partition(":")
    try:
        factory = getattr(importlib.import_module(module_name), attribute)
    except (ImportError, AttributeError) as exc:
        raise EngineUnavailable(f"cannot load engine {name!r}: {exc}") from exc
    engine: Engine = factory()
    return engine


__all__ = ["Engine", "EngineError", "EngineUnavailable", "Progress", "RenderOptions", "load_engine"]
