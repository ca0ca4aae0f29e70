"""What a site's customers object to, in their own (redacted) words, and which replies worked.

From the store: every objection of an ended conversation (`objections`, with the hub's handled
flag: the salesperson's next turn acknowledged it or asked, within 30 s) and the stored turns:
the customer turn that raised it (its phrasing) and the salesperson's next turn (the reply).
Turns without text (a consent site's metrics-only conversations) give a count but no phrasing.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from cloud.practice.cluster import cluster
from cloud.store.projections import ObjectionRow, TurnRow
from contract.payloads import Objection

#: Newest objections read per site (older ones add little to the phrasings).
MAX_OBJECTIONS = 2000
#: Replies kept per objection and outcome.
MAX_REPLIES = 5


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Phrasing(_Model):
    """A group of customer turns that say the same; `text` is a real (redacted) turn."""

    text: str
    count: int = Field(ge=1, description="Turns in the group.")
    language: str = Field(default="en", description="ISO 639-1 code of `text`.")
    conversation_id: str = Field(description="The conversation `text` was said in.")


class MinedObjection(_Model):
    """One objection at one site."""

    objection: Objection
    raised: int = Field(ge=0)
    handled: int = Field(ge=0)
    phrasings: list[Phrasing] = Field(default_factory=list)
    replies_handled: list[str] = Field(
        default_factory=list, description="Replies followed by the objection being handled."
    )
    replies_missed: list[str] = Field(
        default_factory=list, description="Replies after which it was not handled."
    )

    @property
    def handled_rate(self) -> float | None:
        """Share handled, None if never raised."""
        return self.handled / self.raised if self.raised else None


class SiteMining(_Model):
    """Every objection of a site, most frequent first."""

    site_id: str
    objections: list[MinedObjection]

    def of(self, objection: Objection) -> MinedObjection | None:
        """The mined figures of `objection`, if it was ever raised."""
        return next((o for o in self.objections if o.objection == objection), None)


def mine(session: Session, tenant: str, site: str, since: datetime | None = None) -> SiteMining:
    """The objections of `site` (of `tenant`), from ended conversations since `since`."""
    query = select(ObjectionRow).where(
        ObjectionRow.tenant_id == tenant, ObjectionRow.site_id == site
    )
    if since is not None:
        query = query.where(ObjectionRow.time >= since)
    rows = session.scalars(query.order_by(ObjectionRow.time.desc()).limit(MAX_OBJECTIONS)).all()
    turns = _turns(session, tenant, sorted({r.conversation_id for r in rows}))
    counts: Counter[str] = Counter()
    handled: Counter[str] = Counter()
    said: dict[str, list[TurnRow]] = defaultdict(list)
    replies: dict[tuple[str, bool], Counter[str]] = defaultdict(Counter)
    for row in rows:
        counts[row.objection] += 1
        handled[row.objection] += int(row.handled)
        conv = turns.get(row.conversation_id, [])
        turn = next((t for t in conv if t.index == row.turn_index), None)
        if turn is not None and turn.text and turn.role == "customer":
            said[row.objection].append(turn)
        reply = next(
            (t for t in conv if t.index > row.turn_index and t.role == "salesperson"), None
        )
        if reply is not None and reply.text:
            replies[(row.objection, row.handled)][reply.text] += 1
    found = []
    for name, raised in counts.most_common():
        if name not in Objection._value2member_map_:
            continue  # an objection a newer hub knows and this cloud does not
        found.append(
            MinedObjection(
                objection=Objection(name),
                raised=raised,
                handled=handled[name],
                phrasings=_phrasings(said[name]),
                replies_handled=[t for t, _ in replies[(name, True)].most_common(MAX_REPLIES)],
                replies_missed=[t for t, _ in replies[(name, False)].most_common(MAX_REPLIES)],
            )
        )
    return SiteMining(site_id=site, objections=found)


def _turns(session: Session, tenant: str, conversations: list[str]) -> dict[str, list[TurnRow]]:
    out: dict[str, list[TurnRow]] = defaultdict(list)
    for start in range(0, len(conversations), 500):
        chunk = conversations[start : start + 500]
        for turn in session.scalars(
            select(TurnRow)
            .where(TurnRow.tenant_id == tenant, TurnRow.conversation_id.in_(chunk))
            .order_by(TurnRow.conversation_id, TurnRow.index)
        ):
            out[turn.conversation_id].append(turn)
    return out


def _phrasings(turns: list[TurnRow]) -> list[Phrasing]:
    by_text = {t.text: t for t in turns if t.text}
    groups = cluster([t.text for t in turns if t.text])
    return [
        Phrasing(
            text=group.example,
            count=len(group.members),
            language=by_text[group.example].language or "en",
            conversation_id=by_text[group.example].conversation_id,
        )
        for group in groups
    ]
