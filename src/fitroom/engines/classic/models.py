"""The mediapipe models the classic engine runs, loaded in one place.

All are the ones the mediapipe 0.10.21 wheel bundles; nothing is downloaded. Each is
made the first time a thread asks for it and kept for that thread: mediapipe graphs are
not thread-safe, and loading one costs more than most renders, so a thread keeps its own.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

_local = threading.local()


def _this_threads(key: str, make: Callable[[Any], object]) -> object:
    """The thread's model under `key`, made from mediapipe's solutions on first use."""
    model = getattr(_local, key, None)
    if model is None:
        from mediapipe import solutions

        model = make(solutions)
        setattr(_local, key, model)
    return model


def pose() -> object:
    """Body pose with the person segmentation mask (`analyse_person`)."""
    return _this_threads(
        "pose",
        lambda s: s.pose.Pose(
            static_image_mode=True, model_complexity=1, enable_segmentation=True, min_detection_confidence=0.5
        ),
    )


def face_detector() -> object:
    """Full-range face detection, to tell one person from several."""
    return _this_threads(
        "faces", lambda s: s.face_detection.FaceDetection(model_selection=1, min_detection_confidence=0.6)
    )


def face_mesh() -> object:
    """Face mesh with irises, for glasses, hats and earrings."""
    return _this_threads(
        "mesh",
        lambda s: s.face_mesh.FaceMesh(
            static_image_mode=True, max_num_faces=1, refine_landmarks=True, min_detection_confidence=0.4
        ),
    )


def hands() -> object:
    """Hand landmarks, for watches and rings."""
    return _this_threads(
        "hands",
        lambda s: s.hands.Hands(
            static_image_mode=True, max_num_hands=1, model_complexity=1, min_detection_confidence=0.4
        ),
    )


def selfie_segmenter() -> object:
    """Selfie segmentation: the person mask of a close-up with no body for the pose model."""
    return _this_threads("selfie", lambda s: s.selfie_segmentation.SelfieSegmentation(model_selection=0))
