"""The controlled words of the ledger: every value a categorical column may take, with its meaning.

data/raw/README.md documents each word; a test keeps the two in step.
"""

BODIES = {
    "ndtf_review": "INTERPOL's review and compliance statistics (Notices and Diffusions Task Force)",
    "interpol_annual": "INTERPOL's annual statistics on notices issued and in circulation",
    "ccf_annual_report": "annual reports of the Commission for the Control of INTERPOL's Files",
    "german_government": "statements of the German federal government about INTERPOL's alerts",
}
CCF_BODY = "ccf_annual_report"

INSTRUMENTS = {
    "red_notice_and_diffusion": "Red Notices and wanted-person diffusions together",
    "red_notice": "Red Notices only",
    "diffusion": "wanted-person diffusions only",
    "diffusions_all_types": "diffusions of every kind, not only wanted-person diffusions",
    "notices": "notices of unstated or every colour",
    "notices_and_diffusions_scope_unclear": "figures that may include green, yellow and blue notices (2023, 2024)",
    "wanted_person_alerts": "alerts seeking a person, to arrest or locate them (Personenfahndungsersuchen)",
    "": "not applicable or not stated (staff, CCF case counts)",
}

TASK_FORCE_MEASURES = {
    "issued": "alerts issued (published) in the year: a flow",
    "refused_or_cancelled": "requests refused before publication plus alerts cancelled after publication",
    "refused_before_publication": "requests refused before publication, alone (never published)",
    "requests_received": "requests received (by the task force or the CCF, by body)",
    "valid_in_circulation": "valid alerts in circulation at a date: a stock",
    "public_on_website": "alerts with a public extract on INTERPOL's website",
    "staff": "people in the Notices and Diffusions Task Force",
    "cancelled_after_publication": "published alerts the General Secretariat later deleted (cancelled)",
}
CCF_MEASURES = {
    "requests_admissible": "requests to the CCF found admissible (all types)",
    "requests_unspecified": "requests to the CCF, the source not saying whether received or processed",
    "requests_finalised": "requests whose processing the CCF completed in the year (all types)",
    "requests_concluded": "finalised requests that ended with a conclusion of the CCF",
    "requests_inadmissible": "finalised requests found inadmissible",
    "complaints_received": "complaints received: requests to correct or delete data",
    "complaints_processed": "complaints whose processing was completed in the year",
    "complaints_admissible": "admissible complaints from the people the data concern (reviewed in the year)",
    "complaints_decided": "complaints (deletion requests) the CCF decided in the year",
    "closed_ncb_non_cooperation": "admissible complaints closed because the source country's bureau did not cooperate",
    "access_requests_received": "requests for access to one's data, received",
    "access_requests_processed": "requests for access to one's data, processed",
    "revision_requests_received": "applications for revision of a decision, received",
    "revision_requests_processed": "applications for revision of a decision, processed",
    "other_requests_processed": "other requests processed",
    "deleted_after_complaint": "data deleted after a CCF review found it non-compliant (all routes)",
    "deleted_after_legal_consideration": "deleted after the CCF considered the legal issues the applicant raised",
    "deleted_ncb_no_answer": "deleted because the country's bureau (NCB) did not answer the CCF",
    "deleted_by_gs_or_ncb_before_decision": "deleted by the General Secretariat or the source before a decision",
    "found_compliant_after_complaint": "data a CCF review found compliant and retained",
    "found_compliant_with_update_after_complaint": "data found compliant once updated",
    "access_blocked_precaution": "requests where access to the data was blocked while the case ran",
    "applicants_subject_to_data": "applicants about whom INTERPOL held data",
    "admissibility_rate": "share of requests found admissible, in percent",
    "share_decided_within_deadline": "share of requests decided within the statutory time limit, in percent",
    "share_exceeding_deadline": "share of requests that took longer than the statutory limit, in percent",
    "share_found_compliant": "share of the complaints the CCF examined that it found compliant, in percent",
    "time_to_decide_months": "time the CCF took to decide, in months (qualifier among: says which requests)",
}
MEASURES = TASK_FORCE_MEASURES | CCF_MEASURES
# Measures whose values are shares in percent, not counts.
PERCENT_MEASURES = (
    "admissibility_rate",
    "share_decided_within_deadline",
    "share_exceeding_deadline",
    "share_found_compliant",
)

GROUNDS = {
    "all": "all grounds together",
    "article_2": "Article 2 of INTERPOL's Constitution (human rights)",
    "article_3": "Article 3 (political, military, religious or racial character)",
    "article_2_or_3": "Article 2 and Article 3 together, as one published number",
    "article_2_or_3_probable": "probably Article 2 and 3 only; the source's wording is not explicit",
    "other": "grounds other than Articles 2 and 3 (e.g. data quality, no basis for cooperation)",
    "": "not applicable (the measure has no grounds)",
}

KINDS = {
    "count": "a number of alerts, people or cases; over a span of years only with qualifier total_over_period",
    "percent_of_issued": "a share of alerts issued, in percent, computed by the source",
    "percent_of_total": "a share of a total other than alerts issued, in percent (qualifier type: says which)",
    "average_per_year": "an average per year over the span in period",
    "lower_bound": "a one-sided bound: the true value is above ('over 1,000')",
    "upper_bound": "a one-sided bound: the true value is at most this",
    "approximate": "an approximate value ('about', 'almost')",
    "change_percent_vs_previous_year": "a change in percent against the previous year",
    "change_percent_vs_earlier_year": "a change in percent against the year in qualifier base:",
    "trend_statement": "no value: a statement about the shape of a series, spelled out in qualifier",
    "range": "two numbers the source gives as a range ('seven to eight months'), written low-high in value: 7-8",
}
# Kinds that state the level of one cell (a year of one series), as opposed to aggregates and changes.
LEVEL_KINDS = ("count", "approximate", "lower_bound", "upper_bound")
PERCENT_KINDS = ("percent_of_issued", "percent_of_total")
SIGNED_KINDS = ("change_percent_vs_previous_year", "change_percent_vs_earlier_year")

PRECISIONS = {
    "exact": "as published, not rounded",
    "unknown": "as published, may be rounded to its last non-zero digit",
    "approximate": "rounded to its last non-zero digit",
    "one_decimal": "a percentage cut to one decimal (how: see rounding)",
    "whole_percent": "a percentage cut to a whole number (how: see rounding)",
    "read_from_chart": "read from a chart by the source's author",
    "": "not applicable (bounds and trend statements)",
}
PERCENT_PRECISIONS = ("one_decimal", "whole_percent")

ROUNDINGS = {
    "nearest": "rounded to the nearest step",
    "truncated": "cut down to the step below",
    "either": "rounded or truncated: the source is known to truncate at least once",
    "": "not applicable (not a percentage)",
}

# Qualifiers: items separated by ';', each a flag or key:value.
QUALIFIER_FLAGS = {
    "just_below": "slightly less than the value ('almost', 'just under')",
    "more_than": "above the value ('over')",
    "at_least": "the value or more",
    "total_over_period": "a count summed over the span of years in period, never split evenly",
    "by_year_published": "the year in period is the year the alerts were published, not the year they were deleted",
    "part_of_year": "the count covers only part of the last year of period (e.g. up to 24 February)",
}
QUALIFIER_KEYS = {
    "peak_of": "this year is the largest of the span (peak_of:2017-2021)",
    "range": "the source gives a range (range:30-40)",
    "base": "the year a change compares with (base:2021)",
    "type": "which requests a CCF share or count concerns (type:access, complaints, revision, ...)",
    "deadline": "the statutory time limit a share refers to (deadline:4_months)",
    "among": "the part of the requests a figure concerns (among:late_requests: those that missed the deadline)",
    "team": "the part of the task force a staff count concerns (team:legacy_review)",
    "derived": "the value is derived from other figures, as the source states it: a sum or a remainder of their "
    "values (derived:F019-F028-F032, derived:N089+N090); the check of its words checks the arithmetic",
    "share_rising_each_year": "trend statement: the share of alerts issued rose every year of the span",
    "falling": "trend statement: the series fell every year of the span",
    "almost_doubled": "trend statement: the series almost doubled from the first to the last year",
}

CONFIDENCES = {
    "high": "stated identically by several sources, or by the primary source",
    "medium": "stated by one secondary source quoting the statistics",
    "low": "a paraphrase, a chart reading or an inference by the source",
}

ROLES = {
    "primary": "INTERPOL's own publication",
    "secondary": "a publication quoting or reporting INTERPOL's or the CCF's figures",
}

DISAGREEMENT_KINDS = {
    "conflict": "the same quantity published with different values",
    "parts_and_total": "published parts do not add up to a published total",
    "different_base": "similar words, different bases: not a conflict",
    "different_scope": "similar words, different scopes: not a conflict",
    "reading": "two statements that read as opposites",
}
DISAGREEMENT_RULES = {
    "parameter": "the report parameter after the colon decides (parameter:disagreement_rule)",
    "prefer": "the figures after the colon are used; the others are set aside and shown in the audit",
    "span": "the true value lies anywhere between the disagreeing figures",
    "no_sum": "the parts are not forced to add up to the total",
    "both": "both are kept as they are: they do not measure the same thing",
    "none": "recorded only: the figures enter no number of the report",
}

CLAIM_STATISTICS = {
    "average_per_year": "the average over the years of period lies in [low, high]",
    "each_year": "each year of period with data lies in [low, high]",
    "share_of_issued_each_year": "each year's count divided by alerts issued lies in [low, high]",
    "share_of_stock_each_year": "each year's count divided by the alerts valid in circulation lies in [low, high]",
    "highest_in_period": "the last year of period is at least every other published year of the period",
    "change_ratio": "the last year of period divided by the first lies in [low, high]",
    "not_published": "no figure of this measure exists for any year of period",
    "share_each_year": "each year's share, the measure over the reading's denominator, lies in [low, high]",
    "share_rising_each_year": "the share (measure over denominator) rose from each published year to the next",
}
SHARE_STATISTICS = ("share_each_year", "share_rising_each_year")
# What a CCF share is divided by: the denominators the report's share series and the claims name.
SHARE_DENOMINATORS = {
    "decided_on_merits": "complaints decided on the merits: data deleted plus data found compliant",
    "every_outcome": "every outcome of the admissible complaints the CCF reviewed (where only that is "
    "published, the complaints it decided)",
    "complaints_processed": "complaints the CCF processed, admissible or not",
    "": "not a share",
}

SEARCH_OUTCOMES = {
    "found": "the search found a source, or the words of a figure in a source already in the ledger",
    "nothing": "the search found no page with the figure it looked for",
    "not_stored": "the page exists, but its stored copy lacks the words (only its opening is stored, or none is)",
    "excluded": "a page with a figure the ledger leaves out, for the reason in note",
}
