import sys

from perfaction.cli import main

sys.exit(main())
