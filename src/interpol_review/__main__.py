import sys

from interpol_review.cli import main

sys.exit(main())
