"""okudesk.core must never import Qt: import every core module with PySide6 blocked."""

import subprocess
import sys

SCRIPT = r"""
import importlib, pkgutil, sys

class BlockQt:
    def find_spec(self, name, path=None, target=None):
        if name == "PySide6" or name.startswith("PySide6.") or name.startswith("shiboken6"):
            raise ImportError("Qt is not allowed in okudesk.core: " + name)
        return None

sys.meta_path.insert(0, BlockQt())
import okudesk.core
names = [m.name for m in pkgutil.walk_packages(okudesk.core.__path__, "okudesk.core.")
         if ".migrations" not in m.name]
for name in names:
    importlib.import_module(name)
assert not any(m.startswith("PySide6") for m in sys.modules), "PySide6 was imported"
print(len(names))
"""


def test_every_core_module_imports_without_qt():
    result = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert int(result.stdout.strip()) >= 15
