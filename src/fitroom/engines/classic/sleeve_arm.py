"""The width of an arm bared from a long sleeve, taken from the body, not the sleeve.

Inside a sleeve to the wrist nothing of the arm shows but the hand: the arm rebuilt
there took the proportions' width off the shoulders, bounded only by the sleeve round
it, and on `fitdit_0179` and `idm--00035_00` (hands showing, wrists read 0.6 of the
proportions') the upper arm stood three times as wide as the wrist, a slab as wide as
the old sweater's sleeve above a thin wrist. A real arm seen from the front is about 1.8
times as wide just below the shoulder as at the wrist, and 1.35 times at the elbow.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from fitroom.engines.classic.person import Person

#: The arm's radius at the shoulder joint and at the elbow as multiples of its wrist's
#: (front view, adult arms; the deltoid's bulge below the joint comes on top).
UPPER_PER_WRIST = 1.8
ELBOW_PER_WRIST = 1.35
#: Where along the forearm (elbow 0, wrist 1) the old garment must cover the bone for
#: the sleeve to count as long: all of these.
LONG_AT = (0.5, 0.7, 0.85)


def long_sleeved(person: Person, chain: tuple[int, int, int], old: NDArray[np.bool_]) -> bool:
    """Whether the `old` garment covers the forearm of the arm `chain` (shoulder, elbow,
    wrist) down to near the wrist: a long sleeve, with none of the arm's own skin to
    measure it by between the hand and the shoulder."""
    _, b, c = (person.pt(i).astype(np.float32) for i in chain)
    h, w = old.shape
    for t in LONG_AT:
        x, y = (int(round(float(v))) for v in b + (c - b) * np.float32(t))
        if not (0 <= x < w and 0 <= y < h and old[y, x]):
            return False
    return True


def from_wrist(radii: tuple[float, float, float], least: tuple[float, float]) -> tuple[float, float, float]:
    """The arm's radii at the shoulder, elbow and wrist (`radii`, pixels) with the first
    two no wider than the wrist's makes them (`UPPER_PER_WRIST`, `ELBOW_PER_WRIST`), and
    no narrower than `least` (the proportions' lower bound: a wrist misread must not make
    a stick)."""
    r0, r1, r2 = radii
    r0 = min(r0, max(UPPER_PER_WRIST * r2, least[0]))
    r1 = min(r1, max(ELBOW_PER_WRIST * r2, least[1]))
    return r0, r1, r2
