#!/usr/bin/env python
import sys

from candour.cli import run_django

if __name__ == "__main__":
    sys.exit(run_django(sys.argv))
