"""The choices a report's parameters offer, with what each means: declared here, light to import, so that
checking a params file does not wait for scipy and statsmodels. The modules that act on a choice import
it from here (stats/panel.py, stats/rates.py, stats/trends.py, checks/disagreements.py)."""

from __future__ import annotations

# disagreement_rule: which side of the recorded disagreement D01 the analysis uses
DISAGREEMENT_RULES = {
    "sum_of_parts": "the Article 2 and Article 3 counts (three sources) win over a different stated total",
    "stated_total": "a stated total of Article 2 and 3 (the Secretary General's 483) wins over its parts",
}
RISING_SHARE_RULES = {
    "impose": "the statement that the share rose every year tightens the bounds (exact, by branch and bound)",
    "check": "bounds use linear statements only; the rising share is only checked",
}
SCOPE_BREAK_RULES = {
    "own_level": "figures whose scope may include other notice colours (2024 on) enter with their own level",
    "exclude": "figures whose scope may include other notice colours (2024 on) are left out",
    "pooled": "figures whose scope may include other notice colours (2024 on) count as comparable",
}
INTERVAL_METHODS = {
    "exact_poisson": "exact (Garwood) Poisson interval for the count, divided by alerts issued",
    "wilson": "Wilson score interval for the share of alerts issued",
    "jeffreys": "Jeffreys (Beta(1/2, 1/2) prior) interval for the share of alerts issued",
}
COUNT_MODELS = {
    "quasi_poisson": "variance proportional to the mean (NB1 likelihood), dispersion estimated",
    "negative_binomial": "negative binomial (NB2): variance growing with the square of the mean",
    "poisson": "Poisson: variance equal to the mean (no overdispersion)",
}
