# Two entry points for a fresh machine: `make serve` and `make test`.
# Each creates (or reuses) the local virtualenv .venv with pinned dependencies: `make serve`
# installs the runtime only (constraints.txt), the fashn-vton engine's included; `make test`
# adds the test tools (constraints-test.txt; the engine's tests run on the CPU with a tiny
# model). mediapipe is installed in a second step without its dependencies: pyproject.toml
# says why.
# `make install` (and so `make test`) also installs Debian's chromium for the browser tests
# when /usr/bin/chromium is missing: Playwright drives it, and never downloads a browser.

PYTHON ?= $(firstword $(shell command -v python3.11 python3.12 2>/dev/null) python3.11)
VENV := .venv
BIN := $(VENV)/bin
RUNTIME := $(VENV)/.runtime
TESTING := $(VENV)/.testing
CHROMIUM := /usr/bin/chromium
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)

# The fashn-vton engine's inference code is not on PyPI. Where ../shared/wheels holds the
# wheel built from the pinned commit (machines without GitHub), pip takes it from there;
# elsewhere the direct git reference to the same commit. It goes in with --no-deps: its
# metadata wants opencv-python, onnxruntime-gpu and fashn-human-parser; the first would
# clash with opencv-contrib-python-headless, the last is non-commercial (fitroom supplies
# its label tables itself); the `vton` extra lists what the code really needs.
WHEELS := ../shared/wheels
FASHN_VTON_COMMIT := 7c0f10af3f91ad4048fe9729c470a13ef905d25a
FASHN_VTON := $(if $(wildcard $(WHEELS)/fashn_vton-*.whl),--find-links $(WHEELS) fashn-vton==1.5.0,"fashn-vton @ git+https://github.com/fashn-AI/fashn-vton-1.5@$(FASHN_VTON_COMMIT)")

.PHONY: serve test test-fast check install container-test base-image smoke-py312 clean

$(RUNTIME): pyproject.toml constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(not (3, 11) <= sys.version_info[:2] <= (3, 12))' 2>/dev/null \
		|| { echo "Python 3.11 or 3.12 is needed ($(PYTHON) is not one)"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	@# A virtualenv made before the switch to the headless OpenCV: drop the GUI build first.
	$(BIN)/pip uninstall --quiet --yes opencv-contrib-python 2>/dev/null || true
	$(BIN)/pip install --quiet -c constraints.txt -e '.[vton]'
	$(BIN)/pip install --quiet --force-reinstall --no-deps -c constraints.txt opencv-contrib-python-headless mediapipe
	$(BIN)/pip install --quiet --no-deps -c constraints.txt $(FASHN_VTON)
	touch $(RUNTIME)

$(TESTING): $(RUNTIME) constraints-test.txt
	$(BIN)/pip install --quiet -c constraints-test.txt -e '.[test,vton]'
	touch $(TESTING)

$(CHROMIUM):
	$(SUDO) apt-get update -qq
	$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium

install: $(TESTING) $(CHROMIUM)

serve: $(RUNTIME)
	$(BIN)/fitroom serve

# Lint and types: what CI checks before the tests.
check: $(TESTING)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy

test: install check
	$(BIN)/python -m pytest -m "not container"

# The container image and the stack (tests/test_container.py): podman with runc builds
# fitroom's image and one for PostgreSQL, Redis and the S3 store (tests/container), and runs
# compose.yaml's services from them. Separate from `make test`: it needs podman and takes
# minutes (docs/deployment-operations.md has its timing).
# podman, runc and mmdebstrap come from Debian's archive. Where no registry serves the base
# image, it is made from Debian's packages with mmdebstrap (../shared/CONTAINERS.md).
PODMAN := /usr/bin/podman
BASE_IMAGE := docker.io/library/debian:bookworm-slim

$(PODMAN):
	$(SUDO) apt-get update -qq
	$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq podman runc mmdebstrap

base-image: $(PODMAN)
	podman image exists $(BASE_IMAGE) || podman --runtime runc pull $(BASE_IMAGE) || { \
		rootfs=$$(mktemp -d)/rootfs.tar; \
		$(SUDO) mmdebstrap --variant=minbase --include=ca-certificates bookworm $$rootfs \
		&& podman import $$rootfs $(BASE_IMAGE); status=$$?; rm -f $$rootfs; exit $$status; }

container-test: $(TESTING) base-image
	$(BIN)/python -m pytest -m container -s tests/test_container.py

# Python 3.12, as a smoke run (the suite runs on 3.11): the runtime installs in a venv of
# its own and `fitroom try` renders scikit-image's astronaut in a drawn tee.
PY312 := .venv-py312
# pyenv's shim answers `python3.12` only where 3.12 is the selected version: take the
# interpreter itself where pyenv keeps one.
PYTHON312 ?= $(firstword $(wildcard $(HOME)/.pyenv/versions/3.12*/bin/python3.12) python3.12)
smoke-py312:
	rm -rf $(PY312) && $(PYTHON312) -m venv $(PY312)
	$(PY312)/bin/pip install --quiet --upgrade pip
	$(PY312)/bin/pip install --quiet -c constraints.txt -e .
	$(PY312)/bin/pip install --quiet --no-deps -c constraints.txt opencv-contrib-python-headless mediapipe
	cd $$(mktemp -d) && $(CURDIR)/$(PY312)/bin/python -c "import sys; sys.path.insert(0, '$(CURDIR)'); \
		from PIL import Image; from skimage import data; from tests.support.images import garment_photo; \
		Image.fromarray(data.astronaut()).save('person.png'); open('tee.png', 'wb').write(garment_photo())" \
		&& $(CURDIR)/$(PY312)/bin/fitroom try person.png tee.png --target top --tier nano -o out.jpg \
		&& $(CURDIR)/$(PY312)/bin/python -c "from PIL import Image; assert Image.open('out.jpg').size == (512, 512)"

# The quick loop while working: SQLite only, no browser, no process clusters, no slow renders.
test-fast: $(TESTING)
	$(BIN)/python -m pytest -m "not slow and not browser and not cluster and not container" -k "not postgresql"

clean:
	rm -rf $(VENV) $(PY312) data
