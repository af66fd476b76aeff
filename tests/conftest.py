import os

# Without a platform plugin Qt aborts the whole pytest process with no report.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("OKUDESK_LANG", "id")

from datetime import datetime, timedelta  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from okudesk.core import permissions
from okudesk.core.records import posts, reference  # noqa: E402
from okudesk.core.store import Store  # noqa: E402


@pytest.fixture(autouse=True)
def lighter_key_derivation(request, monkeypatch):
    """The key file's scrypt at N=2**14 (16 MiB) instead of 2**17 (128 MiB, ~0.3 s): the
    suite logs in hundreds of times. Only the cost changes, the code is the same; tests
    marked ``real_kdf`` (the parameters themselves) and every okudesk process a test starts
    use the real one."""
    from okudesk.core.store import keyring

    if request.node.get_closest_marker("real_kdf") is None:
        monkeypatch.setitem(keyring.KDF, "n", 2**14)
    yield
    keyring.forget_derived()


@pytest.fixture
def store(tmp_path: Path):
    """A fresh, migrated store set up as post BTT, acting as the console (all permissions).

    Tests of roles set ``store.actor`` (or pass ``actor=`` to read/write) themselves.
    """
    s = Store.open(tmp_path / "data")
    s.actor = permissions.system_actor("pytest")
    with s.write() as session:
        kec = {k.name: k.id for k in reference.kecamatan(session)}
        posts.set_up_this_post(
            session,
            code="BTT",
            name="Polsek Baturaja Timur",
            letterhead=[
                "KEPOLISIAN DAERAH SUMATERA SELATAN",
                "RESOR OGAN KOMERING ULU",
                "SEKTOR BATURAJA TIMUR",
            ],
            place_name="Baturaja",
            kecamatan_ids=[kec["Baturaja Timur"]],
        )
    yield s
    s.close()


@pytest.fixture
def yesterday() -> datetime:
    return (datetime.now() - timedelta(days=1)).replace(hour=9, minute=0, second=0, microsecond=0)
