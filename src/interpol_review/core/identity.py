"""Who made the reports, under which licence, and how to cite them: written once, used by the cover of
every report, the index page and the PDF's metadata (CITATION.cff and README.md say the same; a test
keeps them in step)."""

from __future__ import annotations

PROJECT = "INTERPOL deletion statistics review"
AUTHOR = "The INTERPOL deletion statistics review project (independent; not affiliated with INTERPOL or Fair Trials)"
KICKER = "An independent analysis of INTERPOL's published statistics"
DISCLAIMER = (
    "This is not a publication of INTERPOL or of the CCF. It analyses figures that law firms, newspapers, "
    "parliaments and NGOs quote from INTERPOL's and the CCF's publications."
)
LICENCE = (
    "Text and code: MIT licence. The figures quoted belong to their sources; the ledger's compilation of "
    "them may be reused with attribution."
)
SUBJECT = "Red Notices and diffusions refused, cancelled and deleted by INTERPOL, 2017 onwards"
KEYWORDS = "INTERPOL, Red Notice, diffusion, CCF, refused, deleted, statistics, uncertainty"
BUILD_COMMAND = "make report"


def citation(title: str, data_date: str, report_date: str, commit: str) -> str:
    return f"{PROJECT} ({report_date}). {title}. Data: figures public by {data_date}. Commit {commit}."
