"""Entry point of the frozen okudesk (both okudesk and okudesk-cli start here)."""

from okudesk.cli import main

raise SystemExit(main())
