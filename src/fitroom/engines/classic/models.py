"""The mediapipe models the classic engine runs, loaded in one place.

All are the ones the mediapipe 0.10.21 wheel bundles; nothing is downloaded. Each is
made the first time a thread asks for it and kept for that thread: mediapipe graphs are
not thread-safe, and loading one costs more than most renders, so a thread keeps its own.
"""

from __future__ import annotations

import threading

_local = threading.local()


def pose() -> object:
    """Body pose with the person segmentation mask (`analyse_person`)."""
    if not hasattr(_local, "pose"):
        import mediapipe as mp

        _local.pose = mp.solutions.pose.Pose(
            static_image_mode=True, model_complexity=1, enable_segmentation=True, min_detection_confidence=0.5
        )
    return _local.pose


def face_detector() -> object:
    """Full-range face detection, to tell one person from several."""
    if not hasattr(_local, "faces"):
        import mediapipe as mp

        _local.faces = mp.solutions.face_detection.FaceDetection(model_selection=1, min_detection_confidence=0.6)
    return _local.faces


def face_mesh() -> object:
    """Face mesh with irises, for glasses, hats and earrings."""
    if not hasattr(_local, "mesh"):
        import mediapipe as mp

        _local.mesh = mp.solutions.face_mesh.FaceMesh(
            static_image_mode=True, max_num_faces=1, refine_landmarks=True, min_detection_confidence=0.4
        )
    return _local.mesh


def hands() -> object:
    """Hand landmarks, for watches and rings."""
    if not hasattr(_local, "hands"):
        import mediapipe as mp

        _local.hands = mp.solutions.hands.Hands(
            static_image_mode=True, max_num_hands=1, model_complexity=1, min_detection_confidence=0.4
        )
    return _local.hands


def selfie_segmenter() -> object:
    """Selfie segmentation: the person mask of a close-up with no body for the pose model."""
    if not hasattr(_local, "selfie"):
        import mediapipe as mp

        _local.selfie = mp.solutions.selfie_segmentation.SelfieSegmentation(model_selection=0)
    return _local.selfie
