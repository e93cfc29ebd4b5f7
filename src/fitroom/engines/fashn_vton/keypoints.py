"""Body keypoints for the model when the DWPose ONNX files are absent.

FASHN VTON was trained on pose maps drawn from the 18 OpenPose body points that DWPose
returns. fitroom already finds mediapipe's 33 pose landmarks for its own checks; this
module maps them onto those 18 points, in the dict DWPose returns, so the pipeline's own
`draw_pose` renders the map (`supplied.SuppliedPose` hands it to the pipeline). mediapipe has no OpenPose neck: it is the shoulders' midpoint,
as DWPose makes it. Hands and face points are not drawn (mediapipe's pose has too few).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from fitroom.engines.classic import person as mp

#: OpenPose body order: nose, neck, right arm, left arm, right leg, left leg, eyes, ears.
#: None is the neck, made from both shoulders.
OPENPOSE_FROM_MEDIAPIPE: tuple[int | None, ...] = (
    mp.NOSE,
    None,
    mp.R_SHOULDER,
    mp.R_ELBOW,
    mp.R_WRIST,
    mp.L_SHOULDER,
    mp.L_ELBOW,
    mp.L_WRIST,
    mp.R_HIP,
    mp.R_KNEE,
    mp.R_ANKLE,
    mp.L_HIP,
    mp.L_KNEE,
    mp.L_ANKLE,
    mp.R_EYE,
    mp.L_EYE,
    mp.R_EAR,
    mp.L_EAR,
)
#: DWPose's own cut-off for drawing a point.
VISIBLE = 0.3

Pose = dict[str, dict[str, NDArray[np.float64]]]


def openpose_body(points: NDArray[np.float32], visibility: NDArray[np.float32], size: tuple[int, int]) -> Pose:
    """mediapipe landmarks (pixels of an image of `size` = (width, height)) as DWPose's
    body dict: candidate (18, 2) in 0..1 image coordinates, subset (1, 18) holding each
    point's index, or -1 where it is not seen."""
    w, h = size
    candidate = -np.ones((18, 2), np.float64)
    subset = -np.ones((1, 18), np.float64)
    for index, source in enumerate(OPENPOSE_FROM_MEDIAPIPE):
        if source is None:
            pair = (mp.L_SHOULDER, mp.R_SHOULDER)
            seen = min(float(visibility[i]) for i in pair)
            xy = (points[pair[0]] + points[pair[1]]) / 2
        else:
            seen, xy = float(visibility[source]), points[source]
        x, y = float(xy[0]) / w, float(xy[1]) / h
        if seen > VISIBLE and 0 <= x <= 1 and 0 <= y <= 1:
            candidate[index] = (x, y)
            subset[0, index] = index
    return {"bodies": {"candidate": candidate, "subset": subset}}


def no_body() -> Pose:
    """The dict for an image without a person: every point unseen."""
    return {"bodies": {"candidate": -np.ones((18, 2), np.float64), "subset": -np.ones((1, 18), np.float64)}}
