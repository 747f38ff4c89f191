from cjm_tui.cli import main

raise SystemExit(main())
