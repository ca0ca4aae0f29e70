"""Enrolled salespeople's voiceprints on the hub, and naming speakers with them.

A voiceprint is the mean speaker embedding of a salesperson's enrollment speech, kept as one JSON
file per person in the enrolled directory. Customers never get one: their embeddings live only in
memory for the length of a conversation.
"""

from __future__ import annotations

import os
import re
import tempfile
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
from numpy.typing import NDArray
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from edge.errors import EnrollmentError
from edge.listen.transcript import Role


class Voiceprint(BaseModel):
    """One enrolled salesperson."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(min_length=1, description="The salesperson's name as shown and spoken.")
    embedding_model: str = Field(description="Embedding model the vector was made with.")
    vector: tuple[float, ...] = Field(description="Unit-length mean embedding.")
    speech_s: float = Field(ge=0, description="Seconds of speech it was made from.")
    created: datetime = Field(description="When it was enrolled (UTC).")

    def array(self) -> NDArray[np.float32]:
        """The vector as a numpy array."""
        return np.asarray(self.vector, dtype=np.float32)


def _file_name(name: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    if not slug:
        raise EnrollmentError(f"cannot enroll {name!r}: the name needs a letter or a digit")
    return f"{slug}.json"


def save(directory: Path, voiceprint: Voiceprint) -> Path:
    """Write a voiceprint atomically; enrolling the same name again replaces it."""
    path = directory / _file_name(voiceprint.name)
    try:
        directory.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(
            "w", dir=directory, suffix=".tmp", delete=False, encoding="utf-8"
        ) as handle:
            handle.write(voiceprint.model_dump_json(indent=2))
        os.replace(handle.name, path)
    except OSError as err:
        raise EnrollmentError(f"cannot write the voiceprint {path}: {err}") from err
    return path


def remove(directory: Path, name: str) -> bool:
    """Delete `name`'s voiceprint; whether there was one."""
    path = directory / _file_name(name)
    try:
        path.unlink()
    except FileNotFoundError:
        return False
    except OSError as err:
        raise EnrollmentError(f"cannot delete the voiceprint {path}: {err}") from err
    return True


def load_all(directory: Path, embedding_model: str) -> list[Voiceprint]:
    """Every voiceprint in `directory` (none when it does not exist).

    Raises:
        EnrollmentError: a file is not a voiceprint, or was made with another embedding model.
    """
    if not directory.is_dir():
        return []
    prints = []
    for path in sorted(directory.glob("*.json")):
        try:
            voiceprint = Voiceprint.model_validate_json(path.read_bytes())
        except (ValidationError, OSError) as err:
            raise EnrollmentError(f"{path} is not a readable voiceprint: {err}") from err
        if voiceprint.embedding_model != embedding_model:
            raise EnrollmentError(
                f"{path} was enrolled with the {voiceprint.embedding_model} embedding but the "
                f"hub uses {embedding_model}: enroll {voiceprint.name!r} again"
            )
        prints.append(voiceprint)
    return prints


def make(
    name: str, embedding_model: str, vectors: list[NDArray[np.float32]], speech_s: float
) -> Voiceprint:
    """A voiceprint from embeddings of enrollment speech (weighted equally)."""
    mean = np.mean(np.stack(vectors), axis=0)
    mean = mean / max(float(np.linalg.norm(mean)), 1e-9)
    return Voiceprint(
        name=name,
        embedding_model=embedding_model,
        vector=tuple(float(x) for x in mean),
        speech_s=round(speech_s, 2),
        created=datetime.now(UTC),
    )


class SpeakerNamer:
    """Names global speakers: enrolled salespeople by voiceprint, the rest customer_N."""

    def __init__(self, voiceprints: list[Voiceprint], threshold: float) -> None:
        self._names = [v.name for v in voiceprints]
        self._prints = (
            np.stack([v.array() for v in voiceprints]) if voiceprints else np.zeros((0, 1))
        )
        self._threshold = threshold
        self.reset()

    def reset(self) -> None:
        """A new conversation: customer numbering starts again."""
        self._customers: dict[int, str] = {}

    def match(self, centroid: NDArray[np.float32]) -> str | None:
        """The enrolled salesperson this voice belongs to, if any."""
        if not self._names:
            return None
        similarity = self._prints @ (centroid / max(float(np.linalg.norm(centroid)), 1e-9))
        best = int(np.argmax(similarity))
        return self._names[best] if similarity[best] >= self._threshold else None

    def name(self, speaker: int, centroid: NDArray[np.float32]) -> tuple[str, Role]:
        """Name and role of global speaker `speaker` with this centroid."""
        enrolled = self.match(centroid)
        if enrolled is not None:
            return enrolled, "salesperson"
        if speaker not in self._customers:
            self._customers[speaker] = f"customer_{len(self._customers) + 1}"
        return self._customers[speaker], "customer"
