"""Blobs in an S3-compatible bucket (AWS S3, MinIO, Ceph, R2…), for processes on many machines.

Every API and worker process reaches the same bucket, so a worker's output is readable by
any API process, and clients download outputs straight from the object store through
presigned GET URLs: the API never streams image bytes it does not have to.

Credentials and region come from boto3's usual chain (`AWS_ACCESS_KEY_ID`,
`AWS_SECRET_ACCESS_KEY`, `AWS_REGION`, instance roles…); `endpoint_url` points at a
server other than AWS, addressed path-style (`http://host:9000/bucket/key`), which every
S3-compatible server understands and which needs no wildcard DNS.

Links browsers follow are signed for `public_endpoint_url` when it is set: the store's
address as browsers reach it (`https://files.example.com`), where the processes use an
internal one (`http://minio:9000`). SigV4 signs the host, so the link is presigned by a
second client configured with the public endpoint, not rewritten afterwards. With a
`signer`, links are fitroom's own `/files` links instead and the bucket stays private.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

from fitroom.storage.base import BlobNotFound
from fitroom.storage.keys import check_key
from fitroom.storage.signing import LinkSigner

#: S3's limit on keys per DeleteObjects request.
_DELETE_BATCH = 1000


def parse_s3_url(url: str) -> tuple[str, str]:
    """`s3://bucket/some/prefix` → ("bucket", "some/prefix/"); the prefix may be empty."""
    rest = url.removeprefix("s3://")
    bucket, _, prefix = rest.partition("/")
    if not bucket:
        raise ValueError(f"invalid storage URL {url!r}: use s3://bucket/prefix")
    prefix = prefix.strip("/")
    return bucket, f"{prefix}/" if prefix else ""


class S3Store:
    """Objects under `prefix` in `bucket`; `signed_url` is a presigned GET of the object itself."""

    def __init__(
        self,
        url: str,
        *,
        endpoint_url: str | None = None,
        region: str | None = None,
        max_connections: int = 32,
        public_endpoint_url: str | None = None,
        signer: LinkSigner | None = None,
    ) -> None:
        self.bucket, self.prefix = parse_s3_url(url)
        config = Config(
            signature_version="s3v4",
            max_pool_connections=max_connections,
            retries={"max_attempts": 5, "mode": "standard"},
            s3={"addressing_style": "path"} if endpoint_url else {},
        )
        # A client is thread-safe: one per process serves every worker and request thread.
        self.client: Any = boto3.session.Session().client(
            "s3", endpoint_url=endpoint_url, region_name=region, config=config
        )
        self.signer = signer
        self.presigner: Any = self.client
        if public_endpoint_url:
            public = config.merge(Config(s3={"addressing_style": "path"}))
            self.presigner = boto3.session.Session().client(
                "s3", endpoint_url=public_endpoint_url, region_name=region, config=public
            )
        #: The origin output links point at when it is not the API's own (the dashboard's CSP allows it).
        self.link_origin: str | None = None if signer else _origin(self._presign(f"{self.prefix}origin-probe", 60))

    def _key(self, key: str) -> str:
        return self.prefix + check_key(key)

    def put(self, key: str, data: bytes, content_type: str) -> None:
        self.client.put_object(Bucket=self.bucket, Key=self._key(key), Body=data, ContentType=content_type)

    def get(self, key: str) -> bytes:
        try:
            answer = self.client.get_object(Bucket=self.bucket, Key=self._key(key))
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") in ("NoSuchKey", "404", "NotFound"):
                raise BlobNotFound(key) from exc
            raise
        return bytes(answer["Body"].read())

    def delete_prefix(self, prefix: str) -> None:
        """Delete every object whose key starts with `prefix` (a job's, see `keys.job_prefixes`)."""
        check_key(prefix.removesuffix("/"))
        pages = self.client.get_paginator("list_objects_v2").paginate(Bucket=self.bucket, Prefix=self.prefix + prefix)
        batch: list[dict[str, str]] = []
        for page in pages:
            batch += [{"Key": item["Key"]} for item in page.get("Contents", [])]
            while len(batch) >= _DELETE_BATCH:
                self._delete(batch[:_DELETE_BATCH])
                batch = batch[_DELETE_BATCH:]
        if batch:
            self._delete(batch)

    def _delete(self, objects: list[dict[str, str]]) -> None:
        self.client.delete_objects(Bucket=self.bucket, Delete={"Objects": objects, "Quiet": True})

    def _presign(self, object_key: str, ttl_seconds: int) -> str:
        return str(
            self.presigner.generate_presigned_url(
                "get_object", Params={"Bucket": self.bucket, "Key": object_key}, ExpiresIn=ttl_seconds
            )
        )

    def signed_url(self, key: str, ttl_seconds: int) -> str:
        """A presigned GET URL valid `ttl_seconds` (signing is local: no request is made), or
        with a `signer`, fitroom's own `/files` link."""
        if self.signer is not None:
            return self.signer.url(key, ttl_seconds)
        return self._presign(self._key(key), ttl_seconds)

    def verify(self, key: str, expires: int, signature: str) -> bool:
        """Whether the API should serve `key` for a `/files` link: only with a signer."""
        return self.signer is not None and self.signer.verify(key, expires, signature)

    def ping(self) -> None:
        """Raise if the bucket cannot be reached (for /readyz)."""
        self.client.head_bucket(Bucket=self.bucket)


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"
