"""Packaging rules that are easy to break unseen: supported Pythons, the runtime pins kept
apart from the test pins, the headless OpenCV, and `make serve` installing the runtime only."""

from __future__ import annotations

import subprocess
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]


def pins(name: str) -> dict[str, str]:
    """Name → version of a constraints file's `name==version` lines."""
    found = {}
    for line in (ROOT / name).read_text().splitlines():
        if "==" in line and not line.startswith("#"):
            package, version = line.split("==")
            found[canonicalize_name(package)] = version.strip()
    return found


def names(requirements: list[str]) -> set[str]:
    return {canonicalize_name(Requirement(r).name) for r in requirements}


def test_python_3_11_and_3_12_are_both_allowed() -> None:
    allowed = SpecifierSet(PROJECT["requires-python"])
    assert "3.11.7" in allowed and "3.12.1" in allowed and "3.10.13" not in allowed


def test_runtime_and_test_pins_are_apart() -> None:
    runtime, testing = pins("constraints.txt"), pins("constraints-test.txt")
    assert not runtime.keys() & testing.keys(), "a package is pinned twice"
    assert (ROOT / "constraints-test.txt").read_text().count("-c constraints.txt") == 1
    test_tools = names(PROJECT["optional-dependencies"]["test"])
    assert test_tools <= testing.keys() and not test_tools & runtime.keys()
    assert names(PROJECT["dependencies"]) <= runtime.keys(), "every runtime dependency is pinned"
    assert names(PROJECT["optional-dependencies"]["vton"]) <= runtime.keys(), "the fashn-vton engine is runtime too"


def test_headless_opencv_and_mediapipe_without_its_gui_requirement() -> None:
    dependencies = names(PROJECT["dependencies"])
    assert "opencv-contrib-python-headless" in dependencies
    assert not dependencies & {"opencv-contrib-python", "opencv-python", "mediapipe"}
    runtime = pins("constraints.txt")
    assert runtime["mediapipe"] == "0.10.21" and "opencv-contrib-python-headless" in runtime
    assert not runtime.keys() & {"opencv-contrib-python", "opencv-python", "jax", "jaxlib"}


def test_make_serve_installs_the_runtime_only() -> None:
    def planned(target: str) -> str:
        return subprocess.run(["make", "-n", "-B", target], cwd=ROOT, capture_output=True, text=True, check=True).stdout

    serve, test = planned("serve"), planned("test")
    assert (
        "-c constraints.txt -e '.[vton]'" in serve
        and "--no-deps -c constraints.txt opencv-contrib-python-headless mediapipe" in serve
    )
    assert "[test]" not in serve and "constraints-test.txt" not in serve
    assert "-c constraints-test.txt -e '.[test,vton]'" in test
    assert 'pytest -m "not container"' in test, "the container test has its own target"
