import sys

from tarikh.cli import main

sys.exit(main())
