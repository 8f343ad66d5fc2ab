"""Reference analysis of INTERPOL's published statistics on refused and cancelled alerts."""

__version__ = "0.2.0"
