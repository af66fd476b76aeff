"""The committed English translation covers every GUI string, and every entry is finished."""

import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import PySide6

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "translations" / "okudesk_en.ts"


def messages(path: Path) -> dict[tuple[str, str], ET.Element]:
    out = {}
    for ctx in ET.parse(path).getroot().iter("context"):
        name = ctx.findtext("name") or ""
        for m in ctx.iter("message"):
            translation = m.find("translation")
            if translation is not None and translation.get("type") in ("obsolete", "vanished"):
                continue
            out[(name, m.findtext("source"))] = translation
    return out


def test_english_ts_is_current_and_complete(tmp_path):
    fresh = tmp_path / "fresh.ts"
    sources = sorted(str(p) for p in (ROOT / "okudesk" / "gui").rglob("*.py"))
    lupdate = Path(PySide6.__file__).parent / "lupdate"
    subprocess.run(
        [str(lupdate), "-silent", *sources, "-ts", str(fresh)], check=True, capture_output=True
    )
    wanted = set(messages(fresh))
    committed = messages(TS)
    missing = wanted - set(committed)
    assert not missing, f"run scripts/dev lupdate and translate: {sorted(missing)[:5]}"
    unfinished = [
        key
        for key, t in committed.items()
        if t is None or t.get("type") == "unfinished" or not (t.text or "").strip()
    ]
    assert not unfinished, unfinished[:5]
