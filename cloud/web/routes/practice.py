"""The practice page: a practice customer built from the site's own objections, and its grade.

The customer's line is kept in the session (the form cannot change what was asked); the typed
answer is graded by `edge.practice.score` (the shipped playbook, as the hubs coach with unless
a site overrides it) and recorded. `/api/v1/practice/lines` gives a hub a set of lines to
practise with (`showfloor-edge practice`), and `/api/v1/practice/attempts` takes its grades.
"""

from __future__ import annotations

import random
import secrets
from functools import cache
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from cloud.practice import attempts
from cloud.practice.mine import SiteMining, mine
from cloud.practice.personas import Personas, PracticeError, choose_line, load_personas
from cloud.store.tenancy import Site, Staff
from cloud.views.scope import Principal, Scope
from cloud.web.deps import ApiUser, CurrentUser, SessionDep, check_csrf, locale_of, render_page
from contract.practice import HubAttempts, PracticeLine, PracticeSet
from edge.coach.playbook import Playbook, load_playbook
from edge.practice.score import Grade

router = APIRouter(tags=["practice"], include_in_schema=False)
api = APIRouter(prefix="/api/v1/practice", tags=["practice"])
SESSION_KEY = "practice"
Ident = Annotated[str | None, Query(max_length=64, pattern=r"^[a-z0-9-]*$")]
StaffId = Annotated[str | None, Query(max_length=32, pattern=r"^[A-Za-z0-9_-]*$")]


@cache
def playbook() -> Playbook:
    """The shipped playbook (read once)."""
    return load_playbook()


@cache
def personas() -> Personas:
    """The shipped personas (read once)."""
    return load_personas()


def _sites(session: Session, user: Principal) -> list[Site]:
    return list(session.scalars(select(Site).where(Scope.of(user).where(Site)).order_by(Site.id)))


def _staff(session: Session, user: Principal, site: str) -> list[Staff]:
    return list(
        session.scalars(
            select(Staff)
            .where(Scope.of(user).where(Staff), Staff.site_id == site, Staff.active)
            .order_by(Staff.name)
        )
    )


def _site_of(session: Session, user: Principal, site: str | None) -> str | None:
    ids = [s.id for s in _sites(session, user)]
    if site:
        if site not in ids:
            raise HTTPException(404, f"no site {site!r}")
        return site
    return ids[0] if ids else None


def _staff_of(session: Session, user: Principal, site: str, staff: str) -> Staff:
    found = next((s for s in _staff(session, user, site) if s.pseudonym == staff), None)
    if found is None:
        raise HTTPException(404, f"no salesperson {staff!r} at {site!r}")
    return found


def _page(
    request: Request,
    user: Principal,
    session: Session,
    site: str | None,
    staff: str | None,
    persona: str | None = None,
    graded: tuple[PracticeLine, str, Grade] | None = None,
    code: int = 200,
) -> Response:
    context: dict[str, Any] = {
        "sites": _sites(session, user),
        "site": site or "",
        "people": [],
        "staff": staff or "",
        "persona": persona or "",
        "personas": personas().personas,
        "mining": None,
        "line": None,
        "graded": graded,
        "level": None,
        "hints": {},
    }
    if site:
        mining: SiteMining = mine(session, user.tenant_id, site)
        context.update(people=_staff(session, user, site), mining=mining)
        if staff:
            _staff_of(session, user, site, staff)
            level = attempts.level(session, user.tenant_id, staff)
            try:
                line = choose_line(
                    mining, personas(), level, locale_of(request), _rng(), persona or None
                )
            except PracticeError:
                line = choose_line(mining, personas(), level, locale_of(request), _rng())
            request.session[SESSION_KEY] = {
                "site": site,
                "staff": staff,
                "line": line.model_dump(mode="json"),
            }
            context.update(line=line, level=level)
    response = render_page(request, user, "practice.html", **context)
    response.status_code = code
    return response


def _rng() -> random.Random:
    return random.Random(secrets.randbits(64))


@router.get("/practice", response_class=HTMLResponse)
def practice_page(
    request: Request,
    user: CurrentUser,
    session: SessionDep,
    site: Ident = None,
    staff: StaffId = None,
    persona: Ident = None,
) -> Response:
    """The site's objections, then (once a salesperson is chosen) a practice customer."""
    chosen = _site_of(session, user, site)
    return _page(request, user, session, chosen, staff or None, persona)


@router.post("/practice/answer", response_class=HTMLResponse, dependencies=[Depends(check_csrf)])
def practice_answer(
    request: Request,
    user: CurrentUser,
    session: SessionDep,
    answer: Annotated[str, Form(max_length=2000)] = "",
    persona: Annotated[str, Form(max_length=40)] = "",
) -> Response:
    """Grade the answer to the line the page showed, record it, show the next line."""
    held = request.session.get(SESSION_KEY)
    try:
        if not isinstance(held, dict):
            raise ValueError("no line")
        line = PracticeLine.model_validate(held["line"])
        site, staff = str(held["site"]), str(held["staff"])
    except (KeyError, ValueError, ValidationError):
        raise HTTPException(400, "no practice line is open: choose a salesperson again") from None
    _staff_of(session, user, site, staff)
    result = attempts.answer(
        session,
        playbook(),
        tenant=user.tenant_id,
        site=site,
        staff=staff,
        line=line,
        text=answer,
        entered_by=user.email,
    )
    return _page(request, user, session, site, staff, persona or None, (line, answer, result))


@api.get("/lines", responses={404: {"description": "Not found"}})
def practice_lines(
    user: ApiUser,
    session: SessionDep,
    site: Annotated[str, Query(max_length=64, pattern=r"^[a-z0-9-]+$")],
    staff: Annotated[str, Query(max_length=32, pattern=r"^[A-Za-z0-9_-]+$")],
    language: Annotated[str, Query(pattern=r"^[a-z]{2}$")] = "en",
    count: Annotated[int, Query(ge=1, le=20)] = 5,
) -> PracticeSet:
    """Practice lines for `staff` at their level, from `site`'s own objections."""
    _site_of(session, user, site)
    _staff_of(session, user, site, staff)
    level = attempts.level(session, user.tenant_id, staff)
    mining = mine(session, user.tenant_id, site)
    rng = _rng()
    lines = [choose_line(mining, personas(), level, language, rng) for _ in range(count)]
    return PracticeSet(site_id=site, staff=staff, level=level, lines=lines)


@api.post("/attempts", responses={404: {"description": "Not found"}})
def practice_attempts(user: ApiUser, session: SessionDep, body: HubAttempts) -> dict[str, int]:
    """Record a hub's practice answers, graded here by the same scorer; their scores."""
    _site_of(session, user, body.site_id)
    _staff_of(session, user, body.site_id, body.staff)
    scores = [
        attempts.answer(
            session,
            playbook(),
            tenant=user.tenant_id,
            site=body.site_id,
            staff=body.staff,
            line=item.line,
            text=item.answer,
            channel="hub",
            entered_by=user.email,
        ).score
        for item in body.attempts
    ]
    return {
        "recorded": len(scores),
        "mean_score": round(sum(scores) / len(scores)) if scores else 0,
    }
