"""okudesk-cli on Linux and macOS: the command-line name of the frozen okudesk.

There console and windowed programs are the same, so this small program only replaces
itself with ``okudesk`` beside it (same arguments, signals and exit status). A second full
program would carry a second copy of the ~10 MB Python archive that PyInstaller embeds in
every executable. On Windows okudesk-cli.exe is a full console build instead (see
packaging/okudesk.spec).
"""

import os
import sys

if __name__ == "__main__":
    target = os.path.join(os.path.dirname(os.path.abspath(sys.executable)), "okudesk")
    # a frozen program started by another one must not take over its runtime settings
    env = dict(os.environ, PYINSTALLER_RESET_ENVIRONMENT="1")
    os.execve(target, [target, *sys.argv[1:]], env)
