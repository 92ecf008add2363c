"""The Docker action's entry point (the image's exec-form ENTRYPOINT)."""

import sys

from perfaction.action import main

sys.exit(main())
