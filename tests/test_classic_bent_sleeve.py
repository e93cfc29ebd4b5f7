"""A long sleeve on a bent arm (a hand on the hip) bends with it at the elbow: its two
pieces meet along the joint's mitre, the forearm's square top not standing out over the
upper arm and the crook, and the elbow's outer corner covered."""

from __future__ import annotations

import cv2
import numpy as np

from fitroom.engines.classic import person as pose
from fitroom.engines.classic.body import torso_frame
from fitroom.engines.classic.garment import analyse_garment
from fitroom.engines.classic.person import Person
from fitroom.engines.classic.placement import _sleeve_layers, _torso_layer
from fitroom.engines.classic.warp import Layer
from tests.test_classic_sleeve_hem import PERSON, long_sleeved_tee


def hand_on_hip_person() -> Person:
    """A person 1200 px wide whose image-right arm is bent, its hand on the hip (the
    elbow out to the side), the other arm hanging straight; arms 32 px thick (drawn)."""
    p = pose
    k = PERSON
    points = np.zeros((33, 2), np.float32)
    points[[p.L_SHOULDER, p.R_SHOULDER]] = (250 * k, 100 * k), (150 * k, 100 * k)
    points[[p.L_HIP, p.R_HIP]] = (235 * k, 260 * k), (165 * k, 260 * k)
    points[[p.L_ELBOW, p.R_ELBOW]] = (305 * k, 175 * k), (125 * k, 180 * k)
    points[[p.L_WRIST, p.R_WRIST]] = (250 * k, 235 * k), (120 * k, 250 * k)
    points[[p.L_KNEE, p.R_KNEE]] = (235 * k, 380 * k), (165 * k, 380 * k)
    h, w = 420 * k, 400 * k
    mask = np.zeros((h, w), np.float32)
    trunk = [(185, 40), (215, 40), (215, 78), (250, 90), (255, 140), (245, 140), (245, 400)]
    trunk += [(155, 400), (155, 140), (145, 140), (150, 90), (185, 78)]
    cv2.fillPoly(mask, [np.array(trunk) * k], (1.0,))
    for a, b in ((p.L_SHOULDER, p.L_ELBOW), (p.L_ELBOW, p.L_WRIST), (p.R_SHOULDER, p.R_ELBOW), (p.R_ELBOW, p.R_WRIST)):
        cv2.line(mask, tuple(int(v) for v in points[a]), tuple(int(v) for v in points[b]), (1.0,), 32 * k)
    empty = np.zeros((h, w), np.uint8)
    image = np.full((h, w, 3), 235, np.uint8)
    return Person(image, points, np.ones(33, np.float32), mask, empty, empty, np.array([160, 145, 150], np.float32))


def _alpha(layer: Layer, shape: tuple[int, int]) -> np.ndarray:
    full = np.zeros(shape, np.float32)
    full[layer.slices] = layer.alpha
    return full


def test_a_long_sleeve_bends_at_the_elbow_without_a_block_or_a_notch() -> None:
    """The bent arm's sleeve: the forearm piece covers the forearm's bone, the two pieces
    lie over each other along a seam only (the forearm's square top lay over the upper
    arm and the crook: a block of doubled sleeve), and the elbow's outer corner, beyond
    both bones, is covered (left bare between the pieces' square ends)."""
    person = hand_on_hip_person()
    garment = analyse_garment(long_sleeved_tee(), swap_target="top", hint=None)
    frame = torso_frame(person)
    _, scale = _torso_layer(person, garment, frame)
    layers = [layer for layer, _ in _sleeve_layers(person, garment, frame, scale) if layer is not None]
    elbow, wrist = person.pt(pose.L_ELBOW), person.pt(pose.L_WRIST)
    shape = person.mask.shape[:2]
    on_bent = [layer for layer in layers if layer.x > shape[1] // 2]  # the image-right arm's pieces
    assert len(on_bent) == 2, [layer.box for layer in layers]
    upper, forearm = (_alpha(layer, shape) for layer in on_bent)
    for t in np.linspace(0.15, 0.85, 8):
        x, y = (elbow + (wrist - elbow) * t).astype(int)
        assert forearm[y, x] > 0.5, (t, forearm[y, x])
    doubled = np.count_nonzero((upper > 0.5) & (forearm > 0.5))
    assert doubled < 0.05 * np.count_nonzero(forearm > 0.5), doubled
    shoulder = person.pt(pose.L_SHOULDER)
    outward = (elbow - shoulder) / np.linalg.norm(elbow - shoulder) - (wrist - elbow) / np.linalg.norm(wrist - elbow)
    corner = (elbow + outward / np.linalg.norm(outward) * 8 * PERSON).astype(int)
    assert max(upper[corner[1], corner[0]], forearm[corner[1], corner[0]]) > 0.5, corner
