"""What fitroom hands the pipeline in place of the models it must not run.

The stock pipeline asks a human parser (`hp_model.predict`) for a label map of each photo,
and a pose model (`pose_model(bgr)`) for its keypoints. fitroom's parser is never the
FashnHumanParser (non-commercial weights): the engine works the label maps and keypoints
out beforehand with its own analysis and registers them by the photo's content; these
stand-ins give them back when the pipeline asks about the same pixels. A photo nobody
registered is an engine bug, and fails loudly rather than being guessed at.
"""

from __future__ import annotations

import hashlib
import threading
from typing import Generic, TypeVar

import cv2
import numpy as np
from numpy.typing import NDArray

from fitroom.engines.fashn_vton.keypoints import Pose

T = TypeVar("T")


def image_key(rgb: NDArray[np.uint8]) -> str:
    """A photo's identity by content and shape."""
    pixels = np.ascontiguousarray(rgb)
    return f"{pixels.shape}:{hashlib.sha1(pixels.data).hexdigest()}"


class ByImage(Generic[T]):
    """Answers registered per photo (the pipeline instance is shared, its calls are locked)."""

    def __init__(self) -> None:
        self._known: dict[str, T] = {}
        self._lock = threading.Lock()

    def expect(self, rgb: NDArray[np.uint8], answer: T) -> None:
        with self._lock:
            self._known[image_key(rgb)] = answer

    def forget(self) -> None:
        with self._lock:
            self._known.clear()

    def answer(self, rgb: NDArray[np.uint8], asked: str) -> T:
        with self._lock:
            found = self._known.get(image_key(rgb))
        if found is None:
            raise RuntimeError(f"the pipeline asked for the {asked} of a photo fitroom did not prepare")
        return found


class SuppliedParser(ByImage[NDArray[np.uint8]]):
    """Stands in for `FashnHumanParser`: the label map fitroom made for the photo
    (FASHN's label ids), at the size the pipeline asks about."""

    def predict(self, rgb: NDArray[np.uint8]) -> NDArray[np.uint8]:
        labels = self.answer(rgb, "label map")
        h, w = rgb.shape[:2]
        if labels.shape != (h, w):
            labels = np.asarray(cv2.resize(labels, (w, h), interpolation=cv2.INTER_NEAREST), np.uint8)
        return labels


class SuppliedPose(ByImage[Pose]):
    """Stands in for `DWposeDetector` when its ONNX files are absent: the keypoints
    fitroom found (0..1 coordinates, so any size of the photo matches)."""

    def __call__(self, bgr: NDArray[np.uint8], single: bool = True) -> Pose:
        return self.answer(np.ascontiguousarray(bgr[..., ::-1]), "pose")
