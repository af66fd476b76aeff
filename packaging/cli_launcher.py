"""okudesk-cli: the console face of the frozen okudesk.

All of okudesk is frozen into ``okudesk`` (``okudesk.exe``, windowed on Windows); this small
console program runs it with this console's input and output and returns its exit status.
A second full program would carry a second copy of the ~10 MB Python archive that
PyInstaller embeds in every executable.
"""

import os
import subprocess
import sys


def main() -> int:
    here = os.path.dirname(os.path.abspath(sys.executable))
    target = os.path.join(here, "okudesk.exe" if os.name == "nt" else "okudesk")
    args = [target, *sys.argv[1:]]
    # a frozen program started by another one must not take over its runtime settings
    env = dict(os.environ, PYINSTALLER_RESET_ENVIRONMENT="1")
    if os.name != "nt":
        os.execve(target, args, env)  # replaces this process: signals and exit status are okudesk's
    # Windows: a windowed program writes to the console only through handles passed to it
    streams = [s if s is not None else subprocess.DEVNULL for s in (sys.stdin, sys.stdout, sys.stderr)]
    with subprocess.Popen(args, stdin=streams[0], stdout=streams[1], stderr=streams[2], env=env) as child:
        try:
            return child.wait()
        except KeyboardInterrupt:
            child.terminate()
            child.wait()
            return 1


if __name__ == "__main__":
    sys.exit(main())
