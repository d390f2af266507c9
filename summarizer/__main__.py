from summarizer._cli import main

raise SystemExit(main())
