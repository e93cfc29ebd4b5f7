"""The width of an arm bared from a long sleeve, taken from the body, not the sleeve.

Inside a sleeve to the wrist nothing of the arm shows but the hand: the arm rebuilt
there took the proportions' width off the shoulders, bounded only by the sleeve round
it, and on `fitdit_0179` and `idm--00035_00` (slim hands showing, wrists read 0.6 of
the proportions') it went on as wide as the sweater's sleeve down to the elbow, a slab
with no taper above a thin wrist. A real arm seen from the front is about 1.45 times as
wide at the elbow as at the wrist, and tapers to the elbow from the shoulder's cap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

from fitroom.engines.classic.person import Person

if TYPE_CHECKING:
    from fitroom.engines.classic.body import Frame

#: The arm's radius at the elbow as a multiple of its wrist's (front view, adult arms: the
#: proportions' own). The shoulder's radius is left as it is: the cap is the shoulder's
#: top, and narrowed it left a notch between the neck and the arm, refilled from round it
#: as a smear of the backdrop above.
ELBOW_PER_WRIST = 1.45
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


def from_wrist(radii: tuple[float, float, float], least: float, wrist: float) -> tuple[float, float, float]:
    """The arm's radii at the shoulder, elbow and wrist (`radii`, pixels) with the elbow's
    no wider than the wrist's makes it (`ELBOW_PER_WRIST`), and no narrower than `least`
    (the proportions' lower bound: a wrist misread must not make a stick). Only where
    the wrist was read narrower than the proportions' (`wrist`): a slim hand seen beyond
    the cuff. With none seen (hands in pockets) nothing of the body says the arm is
    slimmer, and the sleeve's bound stays."""
    r0, r1, r2 = radii
    if r2 >= wrist:
        return radii
    return r0, min(r1, max(ELBOW_PER_WRIST * r2, least)), r2


def against_body(elbow: NDArray[np.float32], frame: Frame, narrower: float) -> NDArray[np.float32]:
    """The elbow moved towards the body's middle by how much narrower (`narrower`, pixels)
    its radius was made: the arm's inner side stays where the sleeve's was, against the
    torso or the new garment's side, and only its outer side comes in, the rest of the
    sleeve there refilled as the backdrop. Narrowed about its bone, the arm stood apart
    from the new top by a strip of the backdrop, a white notch at the waist."""
    if narrower <= 0:
        return elbow
    right = frame.right.astype(np.float32)
    outward = np.float32(np.sign(float((elbow - frame.neck.astype(np.float32)) @ right)))
    return (elbow - outward * np.float32(narrower) * right).astype(np.float32)
