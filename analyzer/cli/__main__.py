"""``python -m analyzer.cli`` runs the ``wa-analyzer`` command."""
import sys

from analyzer.cli.program import main

sys.exit(main())
