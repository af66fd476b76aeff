"""Copies of the SQLite database made with SQLite's online backup API, and their proof.

The backup API copies a consistent snapshot page by page even while the app has the
database open, which a plain file copy of a WAL database does not guarantee.
:func:`prove_copy` is what a backup keeps as proof that a copy on disk is whole: its header
and length agree, and its hash (:func:`sha256_tree`) is what the manifest records.
"""

from __future__ import annotations

import hashlib
import os
import struct
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from okudesk.core.store import cipher

HASH_PIECE = 64 << 20  # sha256_tree hashes the file in pieces of this size, side by side


def read_only(path: Path, key: bytes | None = None) -> cipher.Connection:
    """A connection that cannot change the file (``key``: the data key of an encrypted one)."""
    return cipher.connect(path, key, read_only=True)


def backup_database(
    source: Path,
    target: Path,
    key: bytes | None = None,
    *,
    while_syncing: Callable[[Path], object] | None = None,
) -> Path:
    """Copy ``source`` to ``target`` (written beside it under a temporary name first),
    encrypted with the same ``key`` as the source.

    ``while_syncing(partial)`` runs on a second thread while the copy is fsynced (the
    device writes, the processor is free), before the rename; what it raises is raised."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    if partial.exists():
        partial.unlink()
    try:
        src = read_only(source, key)
        try:
            cipher.backup(src, partial, key)
        finally:
            src.close()
        with ThreadPoolExecutor(1) as pool:
            beside = pool.submit(while_syncing, partial) if while_syncing else None
            try:
                with open(partial, "rb+") as fh:
                    os.fsync(fh.fileno())
            finally:
                if beside is not None:
                    beside.result()
        os.replace(partial, target)
    finally:
        if partial.exists():  # a failed copy leaves nothing behind
            partial.unlink()
    return target


def integrity_problems(path: Path, *, quick: bool = False, key: bytes | None = None) -> list[str]:
    """What ``PRAGMA integrity_check`` reports; an empty list means the file is sound.

    ``quick``: ``PRAGMA quick_check``, everything but whether each index matches its table
    (a third of the time on a large database; a damaged index is rebuilt by REINDEX)."""
    try:
        con = read_only(path, key)
    except cipher.DatabaseError as exc:
        return [str(exc)]
    try:
        pragma = "quick_check" if quick else "integrity_check"
        rows = [r[0] for r in con.execute(f"PRAGMA {pragma}")]
    except cipher.DatabaseError as exc:
        return [str(exc)]
    finally:
        con.close()
    return [] if rows == ["ok"] else rows


@dataclass(frozen=True)
class CopyProof:
    """What :func:`prove_copy` read from a database copy on disk."""

    size: int
    page_size: int
    pages: int
    sha256_tree: str


class CopyDamaged(ValueError):
    """A database copy whose header, length or hash is not what it must be."""


def header_of(path: Path, key: bytes | None = None) -> tuple[int, int, int]:
    """(size, page size, pages) of a whole SQLite file in rollback-journal mode; raises
    CopyDamaged when the header is not SQLite's, names WAL mode (the copy would need a WAL
    file it does not have), or its page count times page size is not the file's length.

    An encrypted file's header is encrypted too: with ``key`` SQLite reads its page size
    and count; without it only its length is judged (whole pages; its hash proves the rest)."""
    with open(path, "rb") as fh:
        size = os.fstat(fh.fileno()).st_size
        header = fh.read(100)
    if len(header) == 100 and not header.startswith(cipher.HEADER):
        return _encrypted_header_of(path, size, key)
    if len(header) < 100 or not header.startswith(cipher.HEADER):
        raise CopyDamaged(f"not an SQLite database: {path.name}")
    (page_size,) = struct.unpack_from(">H", header, 16)
    page_size = 65536 if page_size == 1 else page_size
    write_version, read_version = header[18], header[19]
    change_counter, pages = struct.unpack_from(">II", header, 24)
    (valid_for,) = struct.unpack_from(">I", header, 92)
    if (write_version, read_version) != (1, 1):
        raise CopyDamaged(f"not in rollback-journal mode: {path.name}")
    if change_counter != valid_for or pages * page_size != size:
        raise CopyDamaged(f"{path.name}: {size} bytes, the header says {pages} x {page_size}")
    return size, page_size, pages


def _encrypted_header_of(path: Path, size: int, key: bytes | None) -> tuple[int, int, int]:
    page_size = cipher.PAGE_SIZE
    if key is not None:
        try:
            con = read_only(path, key)
            try:
                page_size = int(con.execute("PRAGMA page_size").fetchone()[0])
                pages = int(con.execute("PRAGMA page_count").fetchone()[0])
                mode = con.execute("PRAGMA journal_mode").fetchone()[0]
            finally:
                con.close()
        except cipher.DatabaseError as exc:
            raise CopyDamaged(f"not a database of this key: {path.name}") from exc
        if str(mode).lower() == "wal":
            raise CopyDamaged(f"not in rollback-journal mode: {path.name}")
        if pages * page_size != size:
            raise CopyDamaged(f"{path.name}: {size} bytes, SQLite reads {pages} x {page_size}")
        return size, page_size, pages
    if size == 0 or size % page_size:
        raise CopyDamaged(f"{path.name}: {size} bytes, not whole pages of {page_size}")
    return size, page_size, size // page_size


def sha256_tree(path: Path) -> str:
    """SHA-256 over the SHA-256 digests of the file's consecutive :data:`HASH_PIECE` pieces
    (an empty file: of nothing). The pieces are hashed side by side, one per core: SHA-256
    of a large file is slower than copying it, and hashlib lets go of the GIL."""
    size = Path(path).stat().st_size

    def piece(offset: int) -> bytes:
        h = hashlib.sha256()
        left = min(HASH_PIECE, size - offset)
        with open(path, "rb") as fh:
            fh.seek(offset)
            while left:
                block = fh.read(min(1 << 20, left))
                if not block:
                    raise CopyDamaged(f"{Path(path).name} is shorter than {size} bytes")
                h.update(block)
                left -= len(block)
        return h.digest()

    offsets = range(0, size, HASH_PIECE)
    workers = max(1, min(4, os.cpu_count() or 1, len(offsets)))
    with ThreadPoolExecutor(workers) as pool:
        digests = list(pool.map(piece, offsets))
    return hashlib.sha256(b"".join(digests)).hexdigest()


def prove_copy(path: Path, digest: str | None = None, key: bytes | None = None) -> CopyProof:
    """Read a copy back from the file: the header and length agree (the file is whole,
    nothing cut off or left over) and its hash (``digest``: taken already, while the copy
    was fsynced), to record in the manifest. Raises CopyDamaged."""
    size, page_size, pages = header_of(path, key)
    if digest is None:
        digest = sha256_tree(path)
    if header_of(path, key) != (size, page_size, pages) or path.stat().st_size != size:
        raise CopyDamaged(f"{path.name} changed while it was read")
    return CopyProof(size, page_size, pages, digest)


def backup_proven(
    source: Path, target: Path, *, check: bool = True, key: bytes | None = None
) -> tuple[list[str], CopyProof]:
    """:func:`backup_checked`, hashing the copy (:func:`sha256_tree`) while it is fsynced,
    then :func:`prove_copy` on the file in place. Returns the check's findings and the
    proof."""
    digests: list[str] = []
    problems = backup_checked(
        source,
        target,
        check=check,
        key=key,
        while_syncing=lambda p: digests.append(sha256_tree(p)),
    )
    return problems, prove_copy(target, digests[0], key)


def backup_checked(
    source: Path,
    target: Path,
    *,
    check: bool = True,
    key: bytes | None = None,
    while_syncing: Callable[[Path], object] | None = None,
) -> list[str]:
    """:func:`backup_database` while ``PRAGMA quick_check`` reads ``source`` on a second
    thread (SQLite lets go of the GIL in both): the check costs a core, not time, where
    there is one to spare. Returns what the check found (empty: sound); the copy is written
    either way (the caller decides). ``check=False``: the copy alone."""
    if not check:
        backup_database(source, target, key, while_syncing=while_syncing)
        return []
    with ThreadPoolExecutor(1) as pool:
        checking = pool.submit(integrity_problems, source, quick=True, key=key)
        try:
            backup_database(source, target, key, while_syncing=while_syncing)
        finally:
            problems = checking.result()
    return problems
