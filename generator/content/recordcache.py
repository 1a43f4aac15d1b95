"""Record files read and checked, kept between runs in ROOT/build/cache/records.bin.

The cache holds the same entries as a preview's in-memory cache (generator.content.tree.Cache): per
file, its content hash and attachment names, and the record and problems read from it. A second
`bdp validate` or `bdp build` reads again only files whose content changed; the cross-record rules
still run over every record. The whole file is valid for one key: the generator's own source, the
schema files, the check that was run, and the versions of Python and of the libraries that parse
and check (PyYAML with libyaml, jsonschema, fastjsonschema, python-slugify). Any other key, a
truncated or altered file (its BLAKE2b digest is checked before anything is decoded) or an entry
that does not decode: the cache is ignored and the files are read as if it were not there.

Stored with marshal: plain data only (no code runs on loading, unlike pickle), and it loads fastest
(12,600 records: marshal 0.25 s, pickle 0.45 s of CPU; msgpack is not a dependency). Written to a
temporary file and renamed (os.replace), so a reader sees the old file or the new one, never half;
two runs at once each write a whole file and the last one stays.
"""
from __future__ import annotations

import functools
import hashlib
import marshal
import os
import sys
import tempfile
from importlib import metadata
from pathlib import Path
from typing import Any

import yaml

from generator.content.records import record_from_state, record_state
from generator.content.tree import Cache, paused_gc
from generator.paths import PACKAGE_DIR
from generator.problems import Problem

FILE = Path("build") / "cache" / "records.bin"
MAGIC = b"BDP-RECORDS-1\n"
_KEY_BYTES, _DIGEST_BYTES = 20, 32
PACKAGES = ("PyYAML", "jsonschema", "fastjsonschema", "python-slugify", "referencing")


@functools.cache
def _source_digest() -> bytes:
    """The generator's own Python files (any change may change what is read or reported)."""
    digest = hashlib.blake2b(digest_size=_KEY_BYTES)
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        digest.update(path.relative_to(PACKAGE_DIR).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.digest()


def _versions() -> str:
    found = [sys.version, f"libyaml={getattr(yaml, '__with_libyaml__', False)}"]
    try:
        found.append(f"libyaml-version={yaml._yaml.get_version_string()}")
    except AttributeError:
        found.append("libyaml-version=-")
    for name in PACKAGES:
        try:
            found.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            found.append(f"{name}=-")
    return "\n".join(found)


def cache_key(schema_dir: Path, check: str) -> bytes:
    """What every cached reading depends on besides its own file."""
    digest = hashlib.blake2b(digest_size=_KEY_BYTES)
    digest.update(MAGIC + _source_digest() + _versions().encode() + b"\0" + check.encode() + b"\0")
    for path in sorted(p for p in schema_dir.iterdir() if p.is_file()):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.digest()


def _encode(rel: str, entry: Any) -> tuple[Any, ...]:
    (content, names), (record, problems, failed) = entry
    return (rel, content, names, None if record is None else record_state(record),
            [(p.path, p.line, p.pointer, p.message, p.rule, p.severity) for p in problems], failed)


def _decode(item: tuple[Any, ...]) -> tuple[str, Any]:
    rel, content, names, state, problems, failed = item
    if not (isinstance(rel, str) and isinstance(content, bytes) and isinstance(names, tuple) and isinstance(failed, bool)):
        raise TypeError("not a cache entry")
    record = None if state is None else record_from_state(state)
    return rel, ((content, names), (record, [Problem(*fields) for fields in problems], failed))


def read_kept(file: Path, key: bytes) -> Any:
    """The data stored in file under key; None when there is none, or it is not whole and ours."""
    try:
        raw = file.read_bytes()
    except OSError:
        return None
    head = len(MAGIC) + _KEY_BYTES + _DIGEST_BYTES
    if len(raw) < head or not raw.startswith(MAGIC) or raw[len(MAGIC):len(MAGIC) + _KEY_BYTES] != key:
        return None
    payload = memoryview(raw)[head:]
    if hashlib.blake2b(payload, digest_size=_DIGEST_BYTES).digest() != raw[head - _DIGEST_BYTES:head]:
        return None
    try:
        with paused_gc():
            return marshal.loads(payload)
    except Exception:  # cannot happen to a file that passed the digest, unless marshal's format changed
        return None


def write_kept(file: Path, key: bytes, data: Any) -> bool:
    """Store data atomically; False when it cannot be stored (read-only folder, a value marshal does not know)."""
    try:
        payload = marshal.dumps(data)
    except ValueError:
        return False
    digest = hashlib.blake2b(payload, digest_size=_DIGEST_BYTES).digest()
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=file.parent, prefix=".records-", suffix=".tmp")
    except OSError:
        return False
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(MAGIC + key + digest)
            out.write(payload)
        os.replace(temporary, file)
    except OSError:
        Path(temporary).unlink(missing_ok=True)
        return False
    return True


def load(file: Path, key: bytes) -> Cache:
    """The entries kept in file under key; empty when there are none, or they are not whole and ours."""
    kept = read_kept(file, key)
    try:
        with paused_gc():
            return dict(_decode(item) for item in kept)
    except Exception:  # a well-formed file of another format (or None): ignored like a foreign one
        return {}


def save(file: Path, key: bytes, cache: Cache) -> bool:
    """Write the entries atomically; False when they cannot be stored."""
    return write_kept(file, key, [_encode(rel, entry) for rel, entry in sorted(cache.items())])
