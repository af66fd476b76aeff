"""Demo databases for the GUI benchmarks, made once and kept in benchmarks/out/."""

from __future__ import annotations

from pathlib import Path

from okudesk.core import permissions

OUT = Path(__file__).resolve().parent / "out"


def demo_db(incidents: int, meetings: int = 1000) -> Path:
    """A data folder holding ``incidents`` demo incidents (built on first use)."""
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
    return folder
