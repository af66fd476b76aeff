"""Demo databases for the GUI benchmarks, made once and kept in benchmarks/out/."""

from __future__ import annotations

from pathlib import Path

from okudesk.core import permissions

OUT = Path(__file__).resolve().parent / "out"


def demo_db(incidents: int, meetings: int = 1000, *, encrypted: bool = False) -> Path:
    """A data folder holding ``incidents`` demo incidents (built on first use).

    Plain: opened with ``Store.open(folder)``, as the benchmarks that time queries open it
    (a plain store with accounts, which a GUI login would encrypt). ``encrypted``: a copy
    of that folder encrypted as ``okudesk demo`` leaves it (the officers' passphrase is
    ``demo.DEMO_PASSPHRASE``; the login screen reads their names from the key file)."""
    import hashlib

    from okudesk.core import demo
    from okudesk.core.store import Store
    from okudesk.core.store.migrate import MIGRATIONS_DIR, SCHEMA_HEAD

    schema = hashlib.sha256(
        b"".join(p.read_bytes() for p in sorted((MIGRATIONS_DIR / "versions").glob("*.py")))
    ).hexdigest()[:8]
    folder = OUT / f"demo-{incidents}-{meetings}-{SCHEMA_HEAD}-{schema}"
    done = folder / ".complete"
    if not done.exists():
        import shutil

        shutil.rmtree(folder, ignore_errors=True)
        with Store.open(folder) as store:
            store.actor = permissions.system_actor("benchmark")
            demo.fill(store, meetings=meetings, incidents=incidents, seed=1)
        done.write_text("ok")
    if not encrypted:
        return folder
    sealed = folder.with_name(folder.name + "-encrypted")
    sealed_done = sealed / ".complete"
    if not sealed_done.exists():
        import shutil

        shutil.rmtree(sealed, ignore_errors=True)
        shutil.copytree(folder, sealed, ignore=shutil.ignore_patterns(".complete", "*.lock"))
        store = demo.encrypted(Store.open(sealed))
        try:
            if store.data_key is None:
                raise RuntimeError(f"the demo store in {sealed} was not encrypted")
        finally:
            store.close()
        sealed_done.write_text("ok")
    return sealed
