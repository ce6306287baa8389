"""Allow ``python -m dpia``."""

from dpia.cli import main

main()
