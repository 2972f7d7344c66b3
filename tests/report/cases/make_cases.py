"""Regenerate the pooled-result fixtures of the forest-plot golden tests.

Each ``<case>.json`` is ``PoolResult.to_dict()`` (the JSON of ``casemeta pool --format
json``) from the engine in :mod:`meta`, frozen so that the forest-frame goldens test the plot
layer alone. Run ``.venv/bin/python tests/report/cases/make_cases.py`` after a deliberate
change of the result's shape, then regenerate the goldens (``CASEMETA_REGEN_GOLDEN=1``).
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

HERE = Path(__file__).parent


def cases() -> dict[str, dict]:
    from meta.errors import TooFewStudies
    from meta.forest_frame import single_study
    from meta.medians import pool_medians
    from meta.pooling import pool_ratios
    from meta.proportions import pool_proportions

    out = {}
    out["proportions_zero_and_all_events"] = pool_proportions(
        [14, 0, 7, 18, 3], [18, 12, 9, 41, 3],
        ["Lindqvist 2023", "de Vries 2022", "Okafor 2021", "Moreno 2019", "Bellini 2020"])
    out["proportions_all_zero_ci_touching_0"] = pool_proportions(
        [0, 0, 1, 0], [5, 8, 30, 3], ["Ito 2018", "Park 2019", "Silva 2020", "Weber 2021"])
    out["proportions_all_events_ci_touching_100"] = pool_proportions(
        [6, 9, 4], [6, 9, 4], ["Ahmed 2017", "Berg 2019", "Costa 2022"], method="DL",
        ci="z")
    rng = np.random.default_rng(20240601)
    n = rng.integers(3, 60, 60)
    x = rng.binomial(n, 0.3)
    labels = [f"Author{i:02d} {2000 + i % 25}" for i in range(60)]
    labels[3] = ("A very long first author name, Someone-Else and colleagues 2019 "
                 "(subgroup cohort of a multicentre registry)")
    out["proportions_sixty_studies_long_label"] = pool_proportions(
        x, n, labels, method="REML", transform="logit")
    out["hazard_ratios_subgroups"] = pool_ratios(
        [0.8, 1.5, 0.6, 2.2, 1.1], [0.5, 0.9, 0.1, 1.1, 0.7], [1.3, 2.5, 3.6, 4.4, 1.6],
        labels=["Adams 2015", "Brown 2016", "Chen 2018", "Diaz 2020", "Evans 2021"],
        groups=["adjusted", "adjusted", "crude", "crude", "crude"])
    out["proportions_glmm_subgroups"] = pool_proportions(
        [14, 0, 7, 18, 3, 5], [18, 12, 9, 41, 3, 20],
        ["Lindqvist 2023", "de Vries 2022", "Okafor 2021", "Moreno 2019", "Bellini 2020",
         "Ng 2018"], groups=["CT", "CT", "No CT", "No CT", "No CT", "CT"])
    out["hazard_ratios_ci_leaving_axis"] = pool_ratios(
        [0.9, 1.2, 3.0], [0.6, 0.8, 0.04], [1.4, 1.8, 220.0],
        labels=["Fox 2012", "Gill 2014", "Hale 2016 (3 patients)"])
    out["medians_months"] = pool_medians(
        [26.0, 18.5, 41.0, 5.1], [14.0, 12.0, 30.0, 3.2], [41.0, 27.0, 60.0, 7.4],
        labels=["Lindqvist 2023", "Moreno 2019", "Nagy 2020", "de Vries 2022"])
    out["medians_without_ci_median_of_medians"] = pool_medians(
        [26.0, 18.5, 41.0, 5.1], labels=["Alba 2020", "Borg 2021", "Cruz 2019", "Dahl 2022"])
    try:
        pool_proportions([0], [7], ["Solo 2020"])
    except TooFewStudies as exc:
        out["single_study_not_pooled"] = single_study(exc.single, "proportion")
    out.update(two_arm_cases())
    return {name: r if isinstance(r, dict) else r.to_dict() for name, r in out.items()}


def two_arm_cases() -> dict:
    """Issue 14: both arms' events/total per study, ratio and difference axes."""
    from meta.comparative import pool_two_arm

    arms = ([2, 1, 4, 0, 6], [24, 18, 41, 15, 62], [7, 5, 9, 3, 11], [26, 20, 38, 17, 58])
    labels = ["Aalto 2011", "Brun 2013", "Costa 2014", "Dahl 2016", "Ebert 2017"]
    return {
        "two_arm_odds_ratio_mantel_haenszel": pool_two_arm(
            *arms, labels=labels, effect="OR", method="MH", arms=("stent", "surgery")),
        "two_arm_risk_difference": pool_two_arm(
            *arms, labels=labels, effect="RD", method="REML", ci="hk",
            arms=("stent", "surgery")),
    }


def main() -> None:
    for name, data in cases().items():
        text = json.dumps(data, indent=1, sort_keys=True, allow_nan=False)
        (HERE / f"{name}.json").write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
