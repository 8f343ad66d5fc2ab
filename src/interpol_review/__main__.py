import gc
import sys

from interpol_review.cli import main

status = main()
# The interpreter's last garbage collections would walk every object pandas, scipy and nbconvert made (0.2 s
# of every command); the end of the process frees them all the same.
gc.freeze()
sys.exit(status)
