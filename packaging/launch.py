"""Entry point of the frozen okudesk (both okudesk and okudesk-cli start here)."""

from okudesk.launcher import main

raise SystemExit(main())
