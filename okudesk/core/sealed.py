"""Files of an encrypted data folder (photos, kept signed reports), sealed with its key.

Each file is sealed whole with AES-256-GCM (``cryptography``) under a key of its own derived
from the store's data key (HKDF-SHA256, "okudesk files"), a random 96-bit nonce per file, and
the file's name as associated data, so a sealed file moved under another name does not open.
A sealed file is ``MAGIC``, the nonce, then the ciphertext with its tag. Photos and reports
are a few megabytes: one piece each (a bundle's parts are streamed: sync/bundle.py).

The open store registers its folder here with its key (:func:`use`, by ``Store.open``), so
the code that reads and writes photos keeps passing paths: :func:`read`, :func:`reader` and
:func:`write` seal inside a registered folder and leave every other file as it is (a photo a
user picks to attach, a PDF written to a stick). Inside a registered folder a file that is not
sealed is refused: nobody slips a plain file in under a photo's name.
"""

from __future__ import annotations

import io
import os
import secrets
import threading
from pathlib import Path

from okudesk.core import files

MAGIC = b"okudesk-sealed/1\n"
_NONCE = 12
MARKER = ".sealed"  # in photos/: every file under it is sealed (encrypting.py writes it)

_lock = threading.Lock()
_folders: dict[Path, list] = {}  # data folder -> [files key, how many stores hold it open]


class Unsealable(OSError):
    """A file of an encrypted folder that does not open with its key (altered, another
    folder's, or not sealed at all)."""


def files_key(data_key: bytes) -> bytes:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"okudesk files").derive(
        data_key
    )


def use(data_dir: Path, data_key: bytes) -> None:
    """Files under ``data_dir`` are sealed with ``data_key`` while a store holds it open."""
    folder = Path(data_dir).resolve()
    with _lock:
        entry = _folders.setdefault(folder, [files_key(data_key), 0])
        entry[1] += 1


def release(data_dir: Path) -> None:
    folder = Path(data_dir).resolve()
    with _lock:
        entry = _folders.get(folder)
        if entry is not None:
            entry[1] -= 1
            if entry[1] <= 0:
                del _folders[folder]


def key_for(path: Path) -> bytes | None:
    """The files key of the registered folder ``path`` lies in (None: not in one)."""
    if not _folders:
        return None
    resolved = Path(path).resolve()
    with _lock:
        for folder in (resolved, *resolved.parents):
            entry = _folders.get(folder)
            if entry is not None:
                key: bytes = entry[0]
                return key
    return None


def seal(data: bytes, key: bytes, name: str) -> bytes:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    nonce = secrets.token_bytes(_NONCE)
    return MAGIC + nonce + AESGCM(key).encrypt(nonce, data, name.encode("utf-8"))


def unseal(blob: bytes, key: bytes, name: str) -> bytes:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    if not blob.startswith(MAGIC):
        raise Unsealable(f"{name}: not sealed")
    nonce = blob[len(MAGIC) : len(MAGIC) + _NONCE]
    try:
        return AESGCM(key).decrypt(nonce, blob[len(MAGIC) + _NONCE :], name.encode("utf-8"))
    except InvalidTag as exc:
        raise Unsealable(f"{name}: altered, or sealed with another key") from exc


def read(path: Path) -> bytes:
    """The file's content (unsealed inside a registered folder)."""
    path = Path(path)
    blob = path.read_bytes()
    key = key_for(path)
    return blob if key is None else unseal(blob, key, path.name)


OVERHEAD = len(MAGIC) + _NONCE + 16  # what sealing adds: the magic, the nonce, the tag


def plain_size(path: Path) -> int:
    """The size of the file's content (without the sealing, inside a registered folder)."""
    size = Path(path).stat().st_size
    return size if key_for(path) is None else size - OVERHEAD


def reader(path: Path) -> io.BytesIO:
    """:func:`read` as a file object (for PIL and reportlab, which take one)."""
    return io.BytesIO(read(path))


def write(path: Path, data: bytes) -> None:
    """Write ``data`` whole or not at all (files.write_atomically), sealed inside a
    registered folder."""
    path = Path(path)
    key = key_for(path)
    files.write_atomically(path, data if key is None else seal(data, key, path.name))


def seal_folder(folder: Path, data_key: bytes, pattern: str) -> int:
    """Seal every file under ``folder`` matching ``pattern`` that is not sealed yet (a folder
    of an older, plain store; each file rewritten whole or not at all, so a power cut midway
    leaves each file sealed or plain, and the next pass finishes). Returns how many."""
    key = files_key(data_key)
    done = 0
    for path in sorted(Path(folder).glob(pattern)):
        if not path.is_file() or path.name.endswith(".partial"):
            continue
        with open(path, "rb") as fh:
            if fh.read(len(MAGIC)) == MAGIC:
                continue
        files.write_atomically(path, seal(path.read_bytes(), key, path.name))
        done += 1
    return done


def mark_sealed(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    marker = folder / MARKER
    if not marker.exists():
        files.write_atomically(marker, b"every file here is sealed (okudesk/core/sealed.py)\n")
        files.fsync_dir(folder)


def is_marked(folder: Path) -> bool:
    return os.path.exists(Path(folder) / MARKER)
