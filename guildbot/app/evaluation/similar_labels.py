"""A labelled sample for the similar-questions figures: for each dev archive, the best offer
each test question got (test question id, offered earlier question id), judged by reading the
two questions: does the earlier question's accepted answer answer the new one?

Judged conservatively: "related" (same topic, a different question) is no. Ids only — the
archives stay where they are, never copied here. Offers not in the sample are counted as
unlabelled by `similar.measure`, so a change of threshold or tokenizer shows.
"""

from __future__ import annotations

PHYSICS = "physics.stackexchange.com-team2box-Posts.xml"
DBA = "dba.stackexchange.com-team2box-Posts.xml"

LABELS: dict[str, dict[tuple[int, int], bool]] = {
    DBA: {
        (156359, 17339): False,  # tables without foreign keys / view foreign keys to delete
        (198473, 74752): False,  # totals per group / max of sum gives a wrong output
    },
    PHYSICS: {
        (357387, 31672): True,  # what makes a force conservative / what makes it non-conservative
        (359046, 100277): False,  # an operator for a ratio of expectations / momentum expectation
        (374779, 195842): False,  # still charges and magnetic fields / Gauss's law, time-dependent
        (407875, 3081): False,  # folded paper faster than light / why paper folds so few times
        (420552, 166568): False,  # degrees and bytes as base units / energy as a base unit
        (420708, 1220): False,  # tension and equilibrium / a rope tension question
        (421058, 281660): True,  # why electrons absorb and re-emit photons / how they absorb light
        (421081, 167282): False,  # a black hole singularity homogeneous / black holes' sizes
        (421863, 193954): False,  # photons and the uncertainty principle / black holes and it
        (426786, 149214): True,  # chaining Carnot engines / why Carnot is the most efficient
        (436221, 26780): True,  # dark matter as supermassive black holes / why it cannot be them
        (467294, 8891): False,  # centripetal equal to centrifugal / how centrifugal force works
        (485037, 65857): True,  # kelvin and celsius degrees equal / why they are the same
        (485468, 70993): True,  # matter curves spacetime / how energy curves spacetime
        (492073, 14609): False,  # zero potential with a field / testing fields with + charges
        (500652, 97713): False,  # the cat dead and alive / why the cat was necessary
        (503161, 290688): False,  # cartesian in spherical basis / derivatives of unit vectors
    },
}
