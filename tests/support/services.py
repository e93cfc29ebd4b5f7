"""The scale-out services the tests use: an S3-compatible server and the machine's Redis.

The S3 server is moto's, in server mode, as a process of its own on a free loopback port
(a real HTTP server that every test process reaches alike, not a patch inside the
test). Redis is the server on 127.0.0.1:6379 (FITROOM_TEST_REDIS_URL to change it):
like PostgreSQL, tests fail, not skip, when it is unreachable.
"""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import boto3
import httpx
import redis

from tests.support.waiting import wait_until

REDIS_URL = os.environ.get("FITROOM_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")

#: moto accepts any credentials; boto3 needs some to sign with.
S3_ENVIRONMENT = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_REGION": "us-east-1"}


@dataclass
class S3Server:
    endpoint: str

    def new_bucket(self) -> str:
        """A fresh bucket; its name is what `s3://NAME/prefix` settings use."""
        name = f"fitroom-{uuid.uuid4().hex[:12]}"
        boto3.client("s3", endpoint_url=self.endpoint, **_credentials()).create_bucket(Bucket=name)
        return name

    def keys(self, bucket: str) -> list[str]:
        client = boto3.client("s3", endpoint_url=self.endpoint, **_credentials())
        pages = client.get_paginator("list_objects_v2").paginate(Bucket=bucket)
        return [item["Key"] for page in pages for item in page.get("Contents", [])]


def _credentials() -> dict[str, str]:
    return {
        "aws_access_key_id": S3_ENVIRONMENT["AWS_ACCESS_KEY_ID"],
        "aws_secret_access_key": S3_ENVIRONMENT["AWS_SECRET_ACCESS_KEY"],
        "region_name": S3_ENVIRONMENT["AWS_REGION"],
    }


@contextmanager
def s3_server(port: int, log: Path) -> Iterator[S3Server]:
    """`moto_server` on 127.0.0.1:`port`, stopped when the block ends."""
    for name, value in S3_ENVIRONMENT.items():
        os.environ.setdefault(name, value)
    endpoint = f"http://127.0.0.1:{port}"
    command = [str(Path(sys.executable).with_name("moto_server")), "-H", "127.0.0.1", "-p", str(port)]
    with open(log, "wb") as sink:
        process = subprocess.Popen(command, stdout=sink, stderr=subprocess.STDOUT)
    try:

        def up() -> bool:
            assert process.poll() is None, log.read_text()[-2000:]
            try:
                return httpx.get(f"{endpoint}/moto-api/", timeout=1).status_code == 200
            except httpx.TransportError:
                return False

        wait_until(up, 30, "the S3 server to start", interval=0.05)
        yield S3Server(endpoint)
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def redis_client() -> redis.Redis:
    """A client of the tests' Redis, checked to answer."""
    client = redis.Redis.from_url(REDIS_URL, socket_timeout=5)
    client.ping()
    return client
