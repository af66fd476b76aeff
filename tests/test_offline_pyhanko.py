"""pyHanko is imported without its network stack, and still reaches it when asked."""

import subprocess
import sys

SIGN_AND_VERIFY_IMPORTS = """
import sys
from okudesk.core.reports import signing, verification
from okudesk.core.security import offline, pki, timestamps
import pyhanko.sign, pyhanko.sign.validation, pyhanko.sign.timestamps
from pyhanko_certvalidator import ValidationContext
ValidationContext(allow_fetching=False)
assert offline.installed()
print(sorted(m for m in sys.modules if m.split(".")[0] in ("requests", "urllib3")))
"""

GOES_TO_THE_NETWORK_WHEN_ASKED = """
import sys
from okudesk.core.security import offline
offline.install()
from pyhanko.sign.timestamps import HTTPTimeStamper
from pyhanko_certvalidator import ValidationContext
stamper = HTTPTimeStamper("http://tsa.invalid")
assert type(stamper).__module__ == "pyhanko.sign.timestamps.requests_client", type(stamper)
context = ValidationContext(allow_fetching=True)
assert "requests" in sys.modules
print(type(context.fetching_allowed).__name__, type(stamper).__name__)
"""


def _run(code: str) -> str:
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_signing_and_verifying_modules_do_not_import_requests():
    assert _run(SIGN_AND_VERIFY_IMPORTS) == "[]"


def test_fetching_or_an_http_time_stamper_loads_the_real_modules():
    assert _run(GOES_TO_THE_NETWORK_WHEN_ASKED) == "bool HTTPTimeStamper"
