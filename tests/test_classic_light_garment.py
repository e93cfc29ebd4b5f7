"""A white tee with a dark print, photographed on white, is cut out whole."""

import cv2
import numpy as np

from fitroom.checks import garment_left_out
from fitroom.engines.classic.garment import cut_out


def _white_tee() -> tuple[np.ndarray, np.ndarray]:
    """A drawn off-white tee (a faint grey outline, a dark print on its chest) on a
    white backdrop, and the tee's own mask."""
    photo = np.full((640, 480, 3), 250, np.uint8)
    tee = np.array([[150, 80], [330, 80], [440, 190], [380, 250], [340, 215], [340, 590], [140, 590], [140, 215],
                    [100, 250], [40, 190]], np.int32)  # fmt: skip
    mask = np.zeros(photo.shape[:2], np.uint8)
    cv2.fillPoly(mask, [tee], (255,))
    photo[mask > 0] = 249
    cv2.polylines(photo, [tee], True, (238, 238, 238), 2, cv2.LINE_AA)
    cv2.rectangle(photo, (150, 170), (330, 470), (30, 30, 40), -1)
    cv2.rectangle(photo, (180, 390), (300, 430), (170, 20, 30), -1)
    return cv2.GaussianBlur(photo, (0, 0), 1.0), mask


def test_white_tee_on_white_is_cut_out_whole() -> None:
    photo, tee = _white_tee()
    alpha = cut_out(photo)
    covered = np.count_nonzero((alpha > 0.5) & (tee > 0)) / np.count_nonzero(tee)
    assert covered > 0.9
    assert np.count_nonzero((alpha > 0.5) & (tee == 0)) < 0.06 * np.count_nonzero(tee)


def test_garment_left_out_flags_a_cut_that_kept_only_the_print() -> None:
    photo, tee = _white_tee()
    print_only = np.zeros(tee.shape, np.float32)
    print_only[170:471, 150:331] = 1.0
    assert garment_left_out(photo, tee.astype(np.float32) / 255) < 0.05
    value = garment_left_out(photo, print_only)
    assert value is not None and value > 0.5
