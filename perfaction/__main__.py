import sys

from perfaction.cli import run

sys.exit(run())
