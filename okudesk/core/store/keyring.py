"""The data key and who may unwrap it: the key file ``okudesk.keys`` beside the database.

The store (database, photos, kept PDFs, backups) is encrypted with one random 256-bit data
key. Nobody types it: it is kept in this file only *wrapped*, as a password manager or LUKS
keeps it:

* once per officer with an account, under a key derived from the officer's passphrase with
  scrypt (:data:`KDF`: N=2**17, r=8, p=1, 128 MiB, about 0.3 s on one core of a post laptop,
  benchmarks/README.md), sealed with AES-256-GCM; the associated data binds each wrap to
  its officer;
* once for recovery, to HQ's exchange key (ECDH P-256 with a fresh ephemeral key, HKDF-SHA256,
  AES-256-GCM): HQ can recover a post whose officers are gone, and nobody else can.

Changing or resetting a passphrase rewraps the data key; the data is never re-encrypted.
Outside the encrypted store the file shows only who may log in (name, rank, NRP: the login
screen needs them before anything is unlocked) and the wraps; docs/security.md says why.

The file is written atomically; a damaged or hostile one is refused with a plain message
(its KDF parameters are bounded, so a crafted file cannot make a login take gigabytes).
"""

from __future__ import annotations

import base64
import json
import os
from pathlib import Path
from typing import Any, NamedTuple

from okudesk.core.errors import LoginFailed, StoreError
from okudesk.core.i18n import _

KEYRING_NAME = "okudesk.keys"
FORMAT = "okudesk-keyring/1"
KEY_BYTES = 32
# scrypt at about 0.3-0.5 s on a 2-core laptop (benchmarks/bench_unlock.py measures it)
KDF: dict[str, Any] = {"name": "scrypt", "n": 2**17, "r": 8, "p": 1}
# what a key file may ask for: more would let a crafted file exhaust memory at login
_MAX_N, _MAX_R, _MAX_P = 2**20, 16, 4
TYPE_CHECKING = False  # as typing's: the login screen reads this file before cryptography loads
if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric import ec

RECOVERY_ALG = "ecdh-p256+hkdf-sha256+aes-256-gcm"
_RECOVERY_INFO = b"okudesk data key recovery"


class Holder(NamedTuple):
    """An officer who may unlock the store (what the login screen lists)."""

    officer_id: str
    name: str
    rank: str
    nrp: str

    @property
    def display(self) -> str:
        return f"{self.rank} {self.name}".strip()


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: object) -> bytes:
    if not isinstance(text, str):
        raise ValueError("not base64 text")
    return base64.b64decode(text, validate=True)


def new_data_key() -> bytes:
    import secrets

    return secrets.token_bytes(KEY_BYTES)


def key_id(data_key: bytes) -> str:
    """Names a data key without revealing it (a keyring and a backup say which key they hold)."""
    import hashlib
    import hmac

    return hmac.new(data_key, b"okudesk data key id", hashlib.sha256).hexdigest()[:32]


# What this process derived: a login derives the officer's key once, and the signing key
# wrapped under the same parameters (security/pki.py) opens without a second derivation.
# Forgotten when the window locks (:func:`forget_derived`); a command's process just ends.
_DERIVED: dict[tuple, bytes] = {}
_LAST_KDF: dict[str, dict[str, Any]] = {}
_REMEMBERED = 8


def new_kdf() -> dict[str, Any]:
    """The parameters of a new wrap, with a fresh salt."""
    import secrets

    return {**KDF, "salt": _b64(secrets.token_bytes(16))}


def kdf_for(passphrase: str) -> dict[str, Any]:
    """The parameters this process last derived ``passphrase`` with at full strength (a wrap
    made now under them costs no second derivation), or new ones."""
    known = _LAST_KDF.get(passphrase)
    return dict(known) if known is not None else new_kdf()


def forget_derived() -> None:
    _DERIVED.clear()
    _LAST_KDF.clear()


def derive(passphrase: str, kdf: dict[str, Any]) -> bytes:
    """The key-encryption key for ``passphrase`` under the parameters ``kdf`` (with its salt)."""
    memo = (passphrase, kdf.get("name"), kdf.get("n"), kdf.get("r"), kdf.get("p"), kdf.get("salt"))
    if memo in _DERIVED:
        return _DERIVED[memo]
    kek = _derive(passphrase, kdf)
    if len(_DERIVED) >= _REMEMBERED:
        _DERIVED.clear()
    _DERIVED[memo] = kek
    if all(kdf.get(k) == KDF[k] for k in ("name", "n", "r", "p")):
        _LAST_KDF[passphrase] = dict(kdf)
    return kek


def _nfc(text: str) -> str:
    import unicodedata

    return unicodedata.normalize("NFC", text)


def _derive(passphrase: str, kdf: dict[str, Any]) -> bytes:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    n, r, p = int(kdf["n"]), int(kdf["r"]), int(kdf["p"])
    if kdf.get("name") != "scrypt" or not (
        2 <= n <= _MAX_N and n & (n - 1) == 0 and 1 <= r <= _MAX_R and 1 <= p <= _MAX_P
    ):
        raise ValueError("unsupported key derivation")
    return Scrypt(salt=_unb64(kdf["salt"]), length=KEY_BYTES, n=n, r=r, p=p).derive(
        _nfc(passphrase).encode("utf-8")  # as the login hash (accounts.py)
    )


def _officer_aad(officer_id: str) -> bytes:
    return b"okudesk keyring officer|" + officer_id.encode("utf-8")


def _wrap(kek: bytes, data_key: bytes, aad: bytes) -> tuple[str, str]:
    import secrets

    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    nonce = secrets.token_bytes(12)
    return _b64(nonce), _b64(AESGCM(kek).encrypt(nonce, data_key, aad))


def _unwrap(kek: bytes, entry: dict[str, Any], aad: bytes) -> bytes:
    """Raises cryptography's InvalidTag when ``kek`` is not the one the key was wrapped with."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    return AESGCM(kek).decrypt(_unb64(entry["nonce"]), _unb64(entry["key"]), aad)


def _recovery_kek(shared: bytes, epk: bytes) -> bytes:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    return HKDF(algorithm=hashes.SHA256(), length=KEY_BYTES, salt=epk, info=_RECOVERY_INFO).derive(
        shared
    )


def _public_key_id(public_key: ec.EllipticCurvePublicKey) -> str:
    from cryptography.hazmat.primitives import serialization

    der = public_key.public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    import hashlib

    return hashlib.sha256(der).hexdigest()


def damaged(path: Path) -> StoreError:
    return StoreError(
        _(
            "Berkas kunci {path} rusak atau bukan milik okudesk: basis data tidak dapat dibuka. "
            "Pulihkan dari cadangan, atau minta Polres memulihkan kunci pos ini.",
            path=path,
        )
    )


class Keyring:
    """The content of a key file: which data key (by :func:`key_id`) and its wraps.

    Not changed in place: each change returns a new one. A plain class, not a dataclass:
    the login screen reads the key file at a cold start, and making a dataclass compiles
    its methods at import."""

    __slots__ = ("key_id", "officers", "recovery")

    def __init__(
        self,
        key_id: str,
        officers: tuple[dict[str, Any], ...] = (),
        recovery: dict[str, Any] | None = None,
    ):
        self.key_id = key_id
        self.officers = officers
        self.recovery = recovery

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Keyring) and (self.key_id, self.officers, self.recovery) == (
            other.key_id,
            other.officers,
            other.recovery,
        )

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Keyring(key_id={self.key_id!r}, officers={len(self.officers)})"

    def _with(self, **changes: Any) -> Keyring:
        fields: dict[str, Any] = {
            "key_id": self.key_id,
            "officers": self.officers,
            "recovery": self.recovery,
        }
        fields.update(changes)
        return Keyring(**fields)

    # --- reading and writing -------------------------------------------------------------

    @staticmethod
    def path(data_dir: Path) -> Path:
        return Path(data_dir) / KEYRING_NAME

    @classmethod
    def load(cls, data_dir: Path) -> Keyring | None:
        """The data folder's key file (None: there is none)."""
        path = cls.path(data_dir)
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise StoreError(
                _("Berkas kunci {path} tidak dapat dibaca: {reason}", path=path, reason=exc)
            ) from exc
        return cls.from_bytes(raw, path)

    @classmethod
    def from_bytes(cls, raw: bytes, path: Path) -> Keyring:
        try:
            doc = json.loads(raw.decode("utf-8"))
            if doc.get("format") != FORMAT or not isinstance(doc.get("key_id"), str):
                raise ValueError("not a keyring")
            officers = tuple(doc.get("officers") or ())
            for entry in officers:
                if not isinstance(entry, dict) or not isinstance(entry.get("officer_id"), str):
                    raise ValueError("bad officer entry")
            recovery = doc.get("recovery")
            if recovery is not None and not isinstance(recovery, dict):
                raise ValueError("bad recovery entry")
        except (ValueError, UnicodeDecodeError, AttributeError) as exc:
            raise damaged(path) from exc
        return cls(key_id=doc["key_id"], officers=officers, recovery=recovery)

    def to_bytes(self) -> bytes:
        doc = {
            "format": FORMAT,
            "key_id": self.key_id,
            "officers": list(self.officers),
            "recovery": self.recovery,
        }
        return json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8")

    def save(self, data_dir: Path) -> None:
        from okudesk.core import files

        files.write_atomically(self.path(data_dir), self.to_bytes())

    # --- who may unlock ------------------------------------------------------------------

    def holders(self) -> list[Holder]:
        found = {e["officer_id"]: self.holder_of(e) for e in self.officers}
        return sorted(found.values(), key=lambda h: (h.name.casefold(), h.nrp))

    def entries(self, *, officer_id: str | None = None, nrp: str | None = None) -> list[dict]:
        """The officer's wraps, newest first (two only while a passphrase change is being
        committed, or when a crash cut it short)."""
        found = [
            e
            for e in self.officers
            if (officer_id is not None and e["officer_id"] == officer_id)
            or (officer_id is None and nrp is not None and str(e.get("nrp")) == nrp)
        ]
        return found[::-1]

    def entry(self, *, officer_id: str | None = None, nrp: str | None = None) -> dict | None:
        found = self.entries(officer_id=officer_id, nrp=nrp)
        return found[0] if found else None

    def holder_of(self, passphrase_entry: dict) -> Holder:
        e = passphrase_entry
        return Holder(
            str(e["officer_id"]),
            str(e.get("name") or ""),
            str(e.get("rank") or ""),
            str(e.get("nrp") or ""),
        )

    def unlock(
        self, passphrase: str, *, officer_id: str | None = None, nrp: str | None = None
    ) -> bytes:
        """The data key, unwrapped with the officer's passphrase. Raises LoginFailed for an
        officer without a wrap and for a wrong passphrase (after the same key derivation)."""
        from cryptography.exceptions import InvalidTag

        found = self.entries(officer_id=officer_id, nrp=nrp)
        if not found:
            derive(passphrase, {**KDF, "salt": _b64(bytes(16))})  # the same time either way
            raise LoginFailed(_("Tidak ada akun untuk {who}", who=nrp or officer_id or "?"))
        for entry in found:
            try:
                kek = derive(passphrase, entry["kdf"])
                data_key = _unwrap(kek, entry, _officer_aad(entry["officer_id"]))
            except InvalidTag:
                continue
            except (ValueError, KeyError, TypeError) as exc:
                raise damaged(Path(KEYRING_NAME)) from exc
            if key_id(data_key) != self.key_id:
                raise damaged(Path(KEYRING_NAME))
            return data_key
        raise LoginFailed(_("Kata sandi salah"))

    def needs_rewrap(self, officer_id: str) -> bool:
        """Whether the officer's wrap was made with weaker parameters than :data:`KDF` (a
        wrap made when an older store was first encrypted): rewrap at their next login."""
        entry = self.entry(officer_id=officer_id)
        if entry is None:
            return False
        kdf = entry.get("kdf") or {}
        return any(kdf.get(k) != KDF[k] for k in ("name", "n", "r", "p"))

    # --- changes (each returns a new keyring; save it) ----------------------------------

    def with_officer(
        self,
        data_key: bytes,
        holder: Holder,
        passphrase: str,
        *,
        kdf: dict[str, Any] | None = None,
        kek: bytes | None = None,
    ) -> Keyring:
        """This keyring with a new wrap for ``holder`` under ``passphrase``, beside any they
        had (:meth:`newest_only` drops those once the change is committed).

        ``kdf`` with ``kek``: a wrap under a key already derived with those parameters (the
        login hash of an older store's account, when it is first encrypted)."""
        if key_id(data_key) != self.key_id:
            raise ValueError("another data key")
        if kek is None or kdf is None:
            kdf = kdf_for(passphrase)
            kek = derive(passphrase, kdf)
        nonce, wrapped = _wrap(kek, data_key, _officer_aad(holder.officer_id))
        entry = {
            "officer_id": holder.officer_id,
            "nrp": holder.nrp,
            "name": holder.name,
            "rank": holder.rank,
            "kdf": kdf,
            "nonce": nonce,
            "key": wrapped,
        }
        return self._with(officers=(*self.officers, entry))

    def newest_only(self, officer_id: str) -> Keyring:
        """This keyring with only the officer's newest wrap (the older ones were kept until
        the passphrase change that replaced them was committed)."""
        mine = [e for e in self.officers if e["officer_id"] == officer_id]
        if len(mine) <= 1:
            return self
        return self._with(
            officers=tuple(
                e for e in self.officers if e["officer_id"] != officer_id or e is mine[-1]
            ),
        )

    def with_holder(self, holder: Holder) -> Keyring:
        """This keyring with ``holder``'s name, rank and NRP as the store has them now."""
        officers = tuple(
            {**e, "name": holder.name, "rank": holder.rank, "nrp": holder.nrp}
            if e["officer_id"] == holder.officer_id
            else e
            for e in self.officers
        )
        return self._with(officers=officers)

    def without_officer(self, officer_id: str) -> Keyring:
        return self._with(officers=tuple(e for e in self.officers if e["officer_id"] != officer_id))

    def with_recovery(self, data_key: bytes, hq_exchange: ec.EllipticCurvePublicKey) -> Keyring:
        """This keyring with the data key wrapped to HQ's exchange key."""
        from cryptography.hazmat.primitives import serialization
        from cryptography.hazmat.primitives.asymmetric import ec

        ephemeral = ec.generate_private_key(ec.SECP256R1())
        epk = ephemeral.public_key().public_bytes(
            serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
        )
        kek = _recovery_kek(ephemeral.exchange(ec.ECDH(), hq_exchange), epk)
        nonce, wrapped = _wrap(kek, data_key, b"okudesk keyring recovery|" + self.key_id.encode())
        recovery = {
            "alg": RECOVERY_ALG,
            "recipient_key": _public_key_id(hq_exchange),
            "epk": _b64(epk),
            "nonce": nonce,
            "key": wrapped,
        }
        return self._with(recovery=recovery)

    def recover(self, hq_exchange: ec.EllipticCurvePrivateKey) -> bytes:
        """The data key, unwrapped with HQ's exchange key (HQ's recovery of a post)."""
        from cryptography.exceptions import InvalidTag
        from cryptography.hazmat.primitives.asymmetric import ec

        r = self.recovery
        if not r or r.get("alg") != RECOVERY_ALG:
            raise StoreError(_("Berkas kunci ini tidak memuat kunci pemulihan untuk Polres"))
        if r.get("recipient_key") != _public_key_id(hq_exchange.public_key()):
            raise StoreError(_("Kunci pemulihan berkas ini dibuat untuk Polres lain"))
        try:
            epk = _unb64(r["epk"])
            peer = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), epk)
            kek = _recovery_kek(hq_exchange.exchange(ec.ECDH(), peer), epk)
            data_key = _unwrap(kek, r, b"okudesk keyring recovery|" + self.key_id.encode())
        except (InvalidTag, ValueError, KeyError, TypeError) as exc:
            raise damaged(Path(KEYRING_NAME)) from exc
        if key_id(data_key) != self.key_id:
            raise damaged(Path(KEYRING_NAME))
        return data_key


def new_keyring(data_key: bytes) -> Keyring:
    return Keyring(key_id=key_id(data_key))


def exists(data_dir: Path) -> bool:
    return os.path.exists(Keyring.path(data_dir))


# --- changes staged by a write session, applied around its commit (Store.write) -----------

STAGED = "okudesk.keyring"  # session.info key: the changes a transaction makes to the keyring


def stage_wrap(info: dict, holder: Holder, passphrase: str) -> None:
    """After this transaction commits, ``holder`` unlocks the store with ``passphrase``."""
    info.setdefault(STAGED, []).append(("wrap", holder, passphrase))


def stage_drop(info: dict, officer_id: str) -> None:
    """After this transaction commits, the officer can no longer unlock the store."""
    info.setdefault(STAGED, []).append(("drop", officer_id, None))


def stage_holder(info: dict, holder: Holder) -> None:
    """After this transaction commits, the login screen shows the officer as ``holder``."""
    info.setdefault(STAGED, []).append(("name", holder, None))


def apply_before_commit(data_dir: Path, data_key: bytes, staged: list) -> None:
    """New wraps are added before the commit, the old ones kept: whichever way a crash
    falls, the passphrase the database accepts unlocks the store."""
    keys = Keyring.load(data_dir) or new_keyring(data_key)
    changed = False
    for kind, who, passphrase in staged:
        if kind == "wrap":
            keys = keys.with_officer(data_key, who, passphrase)
            changed = True
    if changed:
        keys.save(data_dir)


def apply_after_commit(data_dir: Path, staged: list) -> None:
    keys = Keyring.load(data_dir)
    if keys is None:
        return
    for kind, who, _passphrase in staged:
        if kind == "wrap":
            keys = keys.newest_only(who.officer_id)
        elif kind == "drop":
            keys = keys.without_officer(who)
        elif kind == "name":
            keys = keys.with_holder(who)
    keys.save(data_dir)
