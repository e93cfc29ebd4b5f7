"""fitroom's vocabulary, named once: job states, tiers, swap targets and what a job asks for.

Every layer speaks these words (`api`, `jobs`, `engines`, `web`); dialects translate their own
wire words (Miragic's `PENDING`, FASHN's `in_queue`) to and from them at their edge. The module
imports nothing of fitroom, so anything may import it.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any


class JobStatus(StrEnum):
    """Where a job, or one output of it (a job item), stands.

    A job item is only ever `QUEUED`, `COMPLETED` or `FAILED`; a job is `PROCESSING` while a
    worker holds its lease.
    """

    QUEUED = "queued"
    PROCESSING = "processing"
    COMPLETED = "completed"
    FAILED = "failed"

    @property
    def finished(self) -> bool:
        """Whether nothing more will happen to the job (its webhook is due, waiters may answer)."""
        return self in FINISHED


#: States a job never leaves.
FINISHED = frozenset({JobStatus.COMPLETED, JobStatus.FAILED})
#: States of a job still in the queue's hands.
UNFINISHED = frozenset({JobStatus.QUEUED, JobStatus.PROCESSING})


class DeliveryStatus(StrEnum):
    """Where a job's webhook delivery stands: retried while `PENDING`, then one of the other two."""

    PENDING = "pending"
    DELIVERED = "delivered"
    FAILED = "failed"


@dataclass(frozen=True)
class Tier:
    """A price and quality level a client asks for (VirtuFit's `tier`).

    `long_side` is the output's longest side in pixels; `price` the credits per output;
    `priority` orders the queue among accounts with as many jobs in flight (higher first).
    """

    name: str
    long_side: int
    price: int
    priority: int


class TierName(StrEnum):
    """The tiers a client may ask for, cheapest first."""

    NANO = "nano"
    BASIC = "basic"
    PRO = "pro"


#: The one tier table. Which engine renders a tier is configuration (`FITROOM_ENGINES`).
TIERS: dict[str, Tier] = {
    tier.name: tier
    for tier in (
        Tier(TierName.NANO, long_side=512, price=1, priority=0),
        Tier(TierName.BASIC, long_side=1024, price=1, priority=1),
        Tier(TierName.PRO, long_side=2048, price=3, priority=2),
    )
}
DEFAULT_TIER = TierName.BASIC


class SwapTarget(StrEnum):
    """What a job puts on the person (VirtuFit's `swap_target`), in the order its documentation
    lists them.

    The classic engine also sorts a garment photo into `TOP`, `BOTTOM` or `DRESS` (the
    garment's category: the part of the body it covers), so those words are named here too.
    """

    FULL_OUTFIT = "full_outfit"
    TOP = "top"
    BOTTOM = "bottom"
    DRESS = "dress"
    JACKET = "jacket"
    WATCH = "watch"
    GLASSES = "glasses"
    SHOES = "shoes"
    HAT = "hat"
    BAG = "bag"
    JEWELRY = "jewelry"
    OTHER = "other"


#: Every swap target, in the order VirtuFit's documentation lists them.
SWAP_TARGETS = tuple(SwapTarget)
#: Garments: worn on the body, replacing the clothes there.
GARMENT_TARGETS = frozenset(
    {SwapTarget.FULL_OUTFIT, SwapTarget.TOP, SwapTarget.BOTTOM, SwapTarget.DRESS, SwapTarget.JACKET}
)
#: Accessories: added to the person, nothing taken away.
ACCESSORY_TARGETS = frozenset(SWAP_TARGETS) - GARMENT_TARGETS
#: Garments fitted to the torso as a top (a jacket goes on as one).
TOP_TARGETS = frozenset({SwapTarget.TOP, SwapTarget.JACKET})
#: Accessories that a photo of a hand alone can take (a watch; a bracelet or a ring).
HAND_TARGETS = frozenset({SwapTarget.WATCH, SwapTarget.JEWELRY})
#: Accessories that a close-up of a face can take (glasses, a hat; earrings among jewelry).
HEAD_TARGETS = frozenset({SwapTarget.GLASSES, SwapTarget.HAT, SwapTarget.JEWELRY})
DEFAULT_SWAP_TARGET = SwapTarget.FULL_OUTFIT

#: SPEC section 5's layer order for an outfit in one picture: what is worn underneath goes on first.
LAYER_ORDER = (
    SwapTarget.FULL_OUTFIT,
    SwapTarget.DRESS,
    SwapTarget.BOTTOM,
    SwapTarget.TOP,
    SwapTarget.JACKET,
    SwapTarget.SHOES,
    SwapTarget.BAG,
    SwapTarget.WATCH,
    SwapTarget.JEWELRY,
    SwapTarget.GLASSES,
    SwapTarget.HAT,
    SwapTarget.OTHER,
)

#: How a job with several garments is answered: one output each, or all layered into one.
COMPOSE_MODES = ("separate", "layered")
#: Image formats an output can be written in.
OUTPUT_FORMATS = ("jpeg", "png", "webp")


@dataclass
class JobOptions:
    """What a job asks of its render, beyond tier and swap target; stored as the job's JSON.

    `garment_keys` are the stored garment photos in the order sent. A layered job (`compose`
    "layered") has one output from all of them; `garment_targets`, when the dialect knows
    them, gives each garment its own swap target.
    """

    garment_keys: list[str] = field(default_factory=list)
    compose: str = "separate"
    garment_description: str | None = None
    garment_targets: list[str] | None = None
    seed: int | None = None
    output_format: str = "jpeg"
    #: FASHN: outputs as `data:` URIs in the status answer instead of URLs.
    return_base64: bool = False
    #: FASHN: "flat-lay" or "model" when the client says how the garment was photographed.
    garment_photo_type: str | None = None

    @property
    def layered(self) -> bool:
        return self.compose == "layered"

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> JobOptions:
        """The options of a stored job; keys this version does not know are ignored."""
        known = cls.__dataclass_fields__
        return cls(**{key: value for key, value in data.items() if key in known})
