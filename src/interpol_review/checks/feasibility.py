"""Can the published figures all be true together? A ledger whose figures contradict each other is a
ledger error, found when the ledger is validated (`make data`, `make checksums`), not inside a chapter.

The task force's figures are translated into linear constraints (checks/constraints.py) under each choice
of the disagreement rule; if no table of whole counts satisfies them, a smallest conflicting set of
figures is named with the lines that hold them.
"""

from __future__ import annotations

from interpol_review.checks.constraints import build_system, conflicting_figures, feasible
from interpol_review.checks.disagreements import resolve
from interpol_review.core.choices import DISAGREEMENT_RULES
from interpol_review.core.errors import Problem, listing
from interpol_review.core.paths import shown_path
from interpol_review.ledger.load import Ledger
from interpol_review.ledger.series import review_figures

FIX = (
    "one of these figures is wrong (compare it with its source), needs a rounding word (precision, rounding) "
    "or belongs to a disagreement recorded in disagreements.csv"
)


def conflict_problems(ledger: Ledger) -> list[Problem]:
    """The smallest sets of the task force's figures that cannot all hold, under each disagreement rule."""
    lines = dict(zip(ledger.figures["figure_id"], ledger.figures["line"], strict=True))
    conflicts: dict[tuple[str, ...], list[str]] = {}
    for rule in DISAGREEMENT_RULES:
        review = review_figures(resolve(ledger.figures, ledger.disagreements, rule).used)
        if review.empty:
            continue
        years = list(range(int(review["period_start"].min()), int(review["period_end"].max()) + 1))
        system = build_system(review, years, rising_share="check")
        if not feasible(system):
            ids = tuple(sorted({part for group in conflicting_figures(system) for part in group.split("+")}))
            conflicts.setdefault(ids, []).append(rule)
    return [
        Problem(
            shown_path(ledger.raw_dir / "figures.csv"),
            None,
            "value",
            f"the figures {listing(list(ids))} cannot all be true together (disagreement_rule {listing(rules)})",
            FIX,
            lines=tuple(sorted(lines[figure_id] for figure_id in ids)),
        )
        for ids, rules in conflicts.items()
    ]
