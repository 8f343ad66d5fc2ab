"""The controlled words of the ledger: every value a categorical column may take, with its meaning.

data/raw/README.md documents each word; a test keeps the two in step.
"""

BODIES = {
    "ndtf_review": "INTERPOL's review and compliance statistics (Notices and Diffusions Task Force)",
    "interpol_annual": "INTERPOL's annual statistics on notices issued and in circulation",
    "ccf_annual_report": "annual reports of the Commission for the Control of INTERPOL's Files",
}

INSTRUMENTS = {
    "red_notice_and_diffusion": "Red Notices and wanted-person diffusions together",
    "red_notice": "Red Notices only",
    "diffusion": "wanted-person diffusions only",
    "notices": "notices of unstated colour",
    "notices_and_diffusions_scope_unclear": "2024 figures that may include green, yellow and blue notices",
    "": "not applicable (staff, CCF case counts)",
}

MEASURES = {
    "issued": "alerts issued (published) in the year: a flow",
    "refused_or_cancelled": "requests refused before publication plus alerts cancelled after publication",
    "refused_before_publication": "requests refused before publication, alone (never published)",
    "requests_received": "requests received (by the task force or the CCF, by body)",
    "requests_admissible": "admissible requests to the CCF",
    "valid_in_circulation": "valid alerts in circulation at a date: a stock",
    "public_on_website": "alerts with a public extract on INTERPOL's website",
    "staff": "people in the Notices and Diffusions Task Force",
    "deleted_after_complaint": "data deleted after a CCF review found it non-compliant",
    "found_compliant_after_complaint": "data a CCF review found compliant and retained",
}

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
    "count": "a number of alerts, people or cases",
    "percent_of_issued": "a share of alerts issued, in percent, computed by the source",
    "average_per_year": "an average per year over the span in period",
    "lower_bound": "a one-sided bound: the true value is above ('over 1,000')",
    "upper_bound": "a one-sided bound: the true value is at most this",
    "approximate": "an approximate value ('about', 'almost')",
    "change_percent_vs_previous_year": "a change in percent against the previous year",
    "trend_statement": "no value: a statement about the shape of a series, spelled out in qualifier",
}

PRECISIONS = {
    "exact": "as published, not rounded",
    "unknown": "as published, may be rounded to its last non-zero digit",
    "approximate": "rounded to its last non-zero digit",
    "one_decimal": "a percentage cut to one decimal (how: see rounding)",
    "whole_percent": "a percentage cut to a whole number (how: see rounding)",
    "read_from_chart": "read from a chart by the source's author",
    "": "not applicable (bounds and trend statements)",
}

ROUNDINGS = {
    "nearest": "rounded to the nearest step",
    "truncated": "cut down to the step below",
    "either": "rounded or truncated: the source is known to truncate at least once",
    "": "not applicable (not a percentage)",
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

CLAIM_STATISTICS = {
    "average_per_year": "the average over the years of period lies in [low, high]",
    "each_year": "each year of period with data lies in [low, high]",
    "share_of_issued_each_year": "each year's count divided by alerts issued lies in [low, high]",
    "not_published": "no figure of this measure exists for any year of period",
}

PERCENT_KINDS = ("percent_of_issued",)
SIGNED_KINDS = ("change_percent_vs_previous_year",)
PERCENT_PRECISIONS = ("one_decimal", "whole_percent")
