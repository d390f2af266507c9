from summarizer._cli.main import main

raise SystemExit(main())
