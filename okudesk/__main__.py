from okudesk.launcher import main

raise SystemExit(main())
