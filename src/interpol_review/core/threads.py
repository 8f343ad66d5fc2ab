"""One thread per process for the linear algebra libraries.

The build runs chapters in several kernels at once and the tests in several workers; each process's
OpenBLAS would otherwise start a thread per core, and on a two-core machine four processes fighting over
the cores made every fit four times slower (benchmarks/build.py measures it). The matrices here are tiny,
so one thread loses nothing. Set before numpy is imported, and inherited by every kernel and worker.
"""

from __future__ import annotations

import os

VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


def one_thread_each() -> None:
    """Keep a user's explicit choice; otherwise one thread."""
    for name in VARIABLES:
        os.environ.setdefault(name, "1")
