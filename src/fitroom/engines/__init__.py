"""Try-on engines, chosen by name (`FITROOM_ENGINE`).

A name is one of the built-in engines, an installed plugin registered under the
`fitroom.engines` entry-point group, or an import path `package.module:attribute`.
"""

from __future__ import annotations

import importlib
import inspect
from importlib.metadata import entry_points
from typing import TYPE_CHECKING

from fitroom.engines.base import Engine, EngineError, Progress, RenderOptions

if TYPE_CHECKING:
    from fitroom.settings import Settings


#: Built-in engines by name.
BUILTIN: dict[str, str] = {
    "classic": "fitroom.engines.classic:ClassicEngine",
    "fashn-vton": "fitroom.engines.fashn_vton:load",
}


def engine_names() -> list[str]:
    """The built-in engines, then the installed plugins."""
    plugins = sorted({ep.name for ep in entry_points(group="fitroom.engines")} - set(BUILTIN))
    return [*BUILTIN, *plugins]


class EngineUnavailable(Exception):
    """The configured engine cannot be loaded; jobs fail with `engine_error`."""


def load_engine(name: str, settings: Settings | None = None) -> Engine:
    """Instantiate the engine called `name` (see the module docstring for the forms).

    An engine whose factory takes a `settings` argument gets these settings (else it
    reads the environment's)."""
    target = BUILTIN.get(name)
    if target is None:
        found = entry_points(group="fitroom.engines", name=name)
        target = next(iter(found)).value if found else name
    if ":" not in target:
        known = ", ".join(sorted(BUILTIN)) or "none built in yet"
        raise EngineUnavailable(f"unknown engine {name!r} (built-in: {known}; or give module:attribute)")
    module_name, _, attribute = target.partition(":")
    try:
        factory = getattr(importlib.import_module(module_name), attribute)
    except (ImportError, AttributeError) as exc:
        raise EngineUnavailable(f"cannot load engine {name!r}: {exc}") from exc
    engine: Engine = (
        factory(settings=settings)
        if settings is not None and "settings" in inspect.signature(factory).parameters
        else factory()
    )
    return engine


__all__ = ["Engine", "EngineError", "EngineUnavailable", "Progress", "RenderOptions", "engine_names", "load_engine"]
