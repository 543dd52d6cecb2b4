from kravgen.cli import main

raise SystemExit(main())
