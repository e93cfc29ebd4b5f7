# fitroom's image: `serve` (the API) or `worker` (a renderer), as the non-root user `fitroom`.
#
# Two stages. The build stage makes a virtualenv with the runtime dependencies only
# (constraints.txt, and mediapipe installed --no-deps: pyproject.toml says why). The final
# stage is Debian's python3 (3.11) plus that virtualenv: no pip cache, no build tools.
# OpenCV is the headless build and mediapipe bundles its own GL libraries, so the system
# libraries they need are the C++ runtime and zlib, named below.
#
#   podman build --format docker -t fitroom:latest .     (docker build -t fitroom:latest .)
#   podman run fitroom:latest --version

FROM debian:bookworm-slim AS build
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends python3 python3-venv ca-certificates \
 && rm -rf /var/lib/apt/lists/*
# For builds behind a TLS-inspecting proxy or a PyPI mirror (empty: pip's defaults).
ARG PIP_CERT=""
ARG PIP_INDEX_URL=""
WORKDIR /build
COPY pyproject.toml constraints.txt README.md ./
COPY src ./src
RUN set -e; \
    [ -n "$PIP_CERT" ] || unset PIP_CERT; \
    [ -n "$PIP_INDEX_URL" ] || unset PIP_INDEX_URL; \
    python3 -m venv /opt/fitroom; \
    /opt/fitroom/bin/pip install --no-cache-dir --disable-pip-version-check --upgrade pip; \
    /opt/fitroom/bin/pip install --no-cache-dir -c constraints.txt .; \
    /opt/fitroom/bin/pip install --no-cache-dir --no-deps -c constraints.txt mediapipe; \
    /opt/fitroom/bin/fitroom --version

FROM debian:bookworm-slim
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      python3 ca-certificates libstdc++6 libgcc-s1 zlib1g \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home-dir /var/lib/fitroom --create-home --shell /usr/sbin/nologin fitroom
COPY --from=build /opt/fitroom /opt/fitroom
ENV PATH=/opt/fitroom/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    FITROOM_DATA_DIR=/var/lib/fitroom \
    FITROOM_HOST=0.0.0.0 \
    FITROOM_PORT=8000
USER fitroom
WORKDIR /var/lib/fitroom
EXPOSE 8000 9100
# Ready, not only alive: the API's /readyz, or a worker's when FITROOM_WORKER_PORT is set.
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 \
  CMD ["python3", "-c", "import os, urllib.request; port = os.environ.get('FITROOM_WORKER_PORT') or os.environ.get('FITROOM_PORT', '8000'); urllib.request.urlopen(f'http://127.0.0.1:{port}/readyz', timeout=4)"]
# serve: answers held `Prefer: wait` requests within FITROOM_DRAIN_SECONDS, then stops its
# workers within FITROOM_SHUTDOWN_SECONDS: give it a stop timeout above their sum + 5 s.
STOPSIGNAL SIGTERM
ENTRYPOINT ["fitroom"]
CMD ["serve"]
