from lead_lens.cli import main

raise SystemExit(main())
