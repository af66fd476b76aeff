from okudesk.cli import main

raise SystemExit(main())
