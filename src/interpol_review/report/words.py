"""Plain words for every identifier the reader may see, in one place: series, measures, statuses,
verdicts, methods and rules. Tables, figures, prose and the index page take their labels from here."""

from __future__ import annotations

from interpol_review.ledger.series import ARTICLE_2, ARTICLE_2_OR_3, ARTICLE_3, ISSUED, OTHER, REFUSED_ALL
from interpol_review.ledger.status import Status

SERIES = {
    ISSUED: "Alerts issued",
    REFUSED_ALL: "Refused or cancelled, all grounds",
    ARTICLE_2: "Article 2 (human rights)",
    ARTICLE_3: "Article 3 (political, military, religious, racial)",
    ARTICLE_2_OR_3: "Article 2 or 3",
    OTHER: "Other grounds",
}
SHORT_SERIES = {
    ISSUED: "Alerts issued",
    REFUSED_ALL: "All grounds",
    ARTICLE_2: "Article 2",
    ARTICLE_3: "Article 3",
    ARTICLE_2_OR_3: "Article 2 or 3",
    OTHER: "Other grounds",
}
MEASURES = {
    "issued": "issued",
    "refused_or_cancelled": "refused or cancelled",
    "refused_before_publication": "refused before publication",
    "requests_received": "requests received",
    "valid_in_circulation": "valid in circulation",
    "public_on_website": "public on INTERPOL's website",
    "staff": "task force staff",
    "requests_admissible": "admissible requests",
    "requests_unspecified": "requests (received or processed)",
    "requests_finalised": "requests finalised",
    "requests_concluded": "requests concluded",
    "requests_inadmissible": "requests found inadmissible",
    "complaints_received": "complaints received",
    "complaints_processed": "complaints processed",
    "complaints_admissible": "admissible complaints",
    "access_requests_received": "access requests received",
    "access_requests_processed": "access requests processed",
    "revision_requests_received": "revision requests received",
    "revision_requests_processed": "revision requests processed",
    "other_requests_processed": "other requests processed",
    "deleted_after_complaint": "data deleted after a complaint",
    "deleted_after_legal_consideration": "deleted after legal consideration",
    "deleted_ncb_no_answer": "deleted: the country's bureau did not answer",
    "deleted_by_gs_or_ncb_before_decision": "deleted by the General Secretariat or the source before a decision",
    "found_compliant_after_complaint": "found compliant",
    "found_compliant_with_update_after_complaint": "found compliant once updated",
    "access_blocked_precaution": "access blocked while the case ran",
    "applicants_subject_to_data": "applicants INTERPOL held data on",
    "admissibility_rate": "share of requests admissible",
    "share_decided_within_deadline": "share decided within the time limit",
    "share_exceeding_deadline": "share beyond the time limit",
    "complaints_decided": "complaints decided",
    "closed_ncb_non_cooperation": "closed: the country's bureau did not cooperate (deletion not stated)",
    "share_found_compliant": "share found compliant",
    "time_to_decide_months": "time to decide, in months",
    "cancelled_after_publication": "deleted after publication",
}
# The CCF's shares (stats/ccf_shares.py): what each is a share of, in a reader's words.
SHARE_SERIES = {
    "deleted_every_outcome": "deleted, of every outcome of the admissible complaints reviewed",
    "deleted_decided_on_merits": "deleted, of the complaints decided on the merits (deleted or found compliant)",
    "compliant_every_outcome": "found compliant, of every outcome of the admissible complaints reviewed",
}
SHARE_DENOMINATOR_WORDS = {
    "decided_on_merits": "the complaints decided on the merits",
    "every_outcome": "every outcome of the admissible complaints reviewed",
    "complaints_processed": "the complaints processed",
}
SHARE_SERIES_SHORT = {
    "deleted_every_outcome": "Deleted, of every outcome",
    "deleted_decided_on_merits": "Deleted, of those decided on the merits",
    "compliant_every_outcome": "Found compliant, of every outcome",
}
INSTRUMENTS = {
    "red_notice_and_diffusion": "Red Notices and diffusions",
    "red_notice": "Red Notices",
    "diffusion": "wanted-person diffusions",
    "diffusions_all_types": "diffusions of every kind",
    "notices": "notices",
    "notices_and_diffusions_scope_unclear": "notices and diffusions (scope unclear)",
    "wanted_person_alerts": "alerts seeking a person (notices and diffusions)",
    "": "",
}
BODIES = {
    "ndtf_review": "task force",
    "interpol_annual": "INTERPOL annual statistics",
    "ccf_annual_report": "CCF",
    "german_government": "German government",
}
STATUS = {status.value: status.value for status in Status}
VERDICTS = {
    "supported": "supported",
    "partly supported": "partly supported",
    "contradicted": "contradicted",
    "cannot be determined": "cannot be determined",
    "not found in the sources": "not found in the sources",
    "depends on the reading": "depends on the reading",
}
COUNT_MODELS = {
    "quasi_poisson": "quasi-Poisson (NB1)",
    "negative_binomial": "negative binomial (NB2)",
    "poisson": "Poisson",
}
INTERVAL_METHODS = {"exact_poisson": "exact Poisson (Garwood)", "wilson": "Wilson", "jeffreys": "Jeffreys"}
RULES = {
    "sum_of_parts": "Article 2 and 3 counts win (503)",
    "stated_total": "the stated total wins (483)",
    "impose": "imposed",
    "check": "only checked",
    "own_level": "own level",
    "exclude": "left out",
    "pooled": "pooled",
}
CHECK_VERDICTS = {
    "agrees": "agree",
    "disagrees": "disagree",
    "agrees under recorded rounding": "agree under the recorded rounding",
    "not checkable": "cannot be checked",
}
ROLES = {"primary": "INTERPOL's own", "secondary": "quotes others"}


def series_key_label(body: str, instrument: str, measure: str, grounds: str) -> str:
    """'Task force: refused or cancelled, Article 2' for a coverage row."""
    what = MEASURES.get(measure, measure.replace("_", " "))
    details = [INSTRUMENTS.get(instrument, instrument)]
    if grounds and grounds != "all":
        details.append(SHORT_SERIES.get(grounds, grounds.replace("_", " ")))
    detail = ", ".join(part for part in details if part)
    label = f"{BODIES.get(body, body)}: {what}"
    return f"{label} ({detail})" if detail else label
