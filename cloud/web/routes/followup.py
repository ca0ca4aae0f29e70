"""Follow-ups in the web view: send a reviewed draft, the site's voice and templates, unsubscribe.

`/unsubscribe/{token}` is public (the signed token is the customer's only credential): GET shows
a confirmation button, POST records the opt-out; an RFC 8058 one-click POST from a mail client
lands on the same POST. `/twilio/sms` is Twilio's messaging webhook (public, signed by Twilio):
STOP and START replies (`cloud.followup.inbound`).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from cloud.crm import tasks
from cloud.followup import check, inbound, render, send, unsubscribe
from cloud.followup.errors import SendError, SendRefused
from cloud.followup.facts import LANGUAGES
from cloud.followup.render import PARTS, DraftError, Voice
from cloud.store.base import utcnow
from cloud.store.crm import PersonRow
from cloud.store.followup import FollowupMessageRow, FollowupVoiceRow
from cloud.store.tenancy import Site
from cloud.views import conversation
from cloud.views.scope import Principal, Scope
from cloud.web import labels
from cloud.web.deps import (
    CurrentUser,
    SessionDep,
    check_csrf,
    render_page,
    require_manager,
    translations,
)
from cloud.web.deps import render as render_template
from cloud.web.i18n import N_, error_text
from cloud.web.routes.crm import conversation_page

#: What each editable part of a site's voice is called on the settings page.
PART_LABELS = {
    "greeting": N_("Greeting"),
    "signature": N_("Signature"),
    "subject": N_("E-mail subject"),
    "body": N_("E-mail body"),
    "sms": N_("Text message"),
}

router = APIRouter(tags=["followup"], include_in_schema=False)
Csrf = [Depends(check_csrf)]
Area = Annotated[str, Form(max_length=20000)]
Line = Annotated[str, Form(max_length=500)]


@router.post(
    "/conversations/{conversation_id}/followup/send",
    response_class=HTMLResponse,
    dependencies=Csrf,
)
def send_draft(
    request: Request,
    user: CurrentUser,
    session: SessionDep,
    conversation_id: str,
    channel: Annotated[Literal["email", "sms"], Form()],
    key: Annotated[str, Form(min_length=16, max_length=64, pattern=r"^[A-Za-z0-9_-]+$")],
    body: Area,
    subject: Line = "",
) -> Response:
    """Send the reviewed (maybe edited) draft once; the page shows what became of it."""
    require_manager(user)
    conv = conversation.get(session, Scope.of(user), conversation_id)
    out = send.Outgoing(conv.tenant_id, conv.id, channel, key, subject or None, body, user.email)
    t = translations(request)
    settings = request.app.state.settings
    links = request.app.state.followup_links
    try:
        outcome = send.send(request.app.state.sessions, settings.followup, links, out)
    except SendError as err:
        return _after(request, user, conversation_id, 400, error_text(err, t))
    if outcome.state == "sent":
        if not outcome.sent_now:
            notice = t.gettext("Already sent to %(to)s: not sent again.")
        elif channel == "email":
            notice = t.gettext("E-mail sent to %(to)s.")
        else:
            notice = t.gettext("Text sent to %(to)s.")
        notice %= {"to": outcome.to}
    else:
        notice = t.gettext("Not sent (%(state)s): %(why)s") % {
            "state": labels.value_text(outcome.state, t),
            "why": outcome.error or t.gettext("in progress"),
        }
    return _after(request, user, conversation_id, 200 if outcome.state == "sent" else 502, notice)


@router.post(
    "/conversations/{conversation_id}/followup/task",
    response_class=HTMLResponse,
    dependencies=Csrf,
)
def push_task(
    request: Request,
    user: CurrentUser,
    session: SessionDep,
    conversation_id: str,
    task_key: Annotated[str, Form(min_length=16, max_length=64, pattern=r"^[A-Za-z0-9_-]+$")],
    body: Area,
    subject: Line = "",
) -> Response:
    """Push the reviewed (maybe edited) draft to the site's CRM as a task, once."""
    require_manager(user)
    conv = conversation.get(session, Scope.of(user), conversation_id)
    gettext = translations(request).gettext
    try:
        queued = tasks.push(
            session,
            tenant=conv.tenant_id,
            conversation_id=conv.id,
            key=task_key,
            subject=subject,
            body=body,
            by=user.email,
        )
    except SendRefused as err:
        return _after(request, user, conversation_id, 400, error_text(err, translations(request)))
    session.commit()
    if queued.queued_now:
        notice = gettext("Task queued for the CRM (%(vendor)s).") % {"vendor": queued.vendor}
    else:
        notice = gettext("This task is already queued: not queued again.")
    return _after(request, user, conversation_id, 200, notice)


def _after(
    request: Request, user: Principal, conversation_id: str, code: int, notice: str
) -> Response:
    """The conversation page read afresh (the request's own transaction predates the send)."""
    with request.app.state.sessions() as fresh:
        return conversation_page(
            request, user, fresh, conversation_id, code=code, followup_notice=notice
        )


def _site(session: Session, user: Principal, site_id: str) -> Site:
    require_manager(user)
    site = session.get(Site, (user.tenant_id, site_id))
    if site is None or (user.site_id is not None and user.site_id != site_id):
        raise HTTPException(404, f"no site {site_id!r}")
    return site


def _settings_page(
    request: Request,
    user: Principal,
    session: Session,
    site: Site,
    form: dict[str, Any] | None = None,
    **extra: Any,
) -> Response:
    code = int(extra.pop("code", 200))
    row = session.get(FollowupVoiceRow, (site.tenant_id, site.id))
    if form is None:
        form = {
            "dealership": row.dealership if row else site.name,
            "postal_address": row.postal_address if row else "",
            "from_email": row.from_email if row else "",
            "sms_from": (row.sms_from or "") if row else "",
            "tone": row.tone if row else "friendly",
        }
        templates = row.templates if row else {}
        for language in LANGUAGES:
            for part in PARTS:
                form[f"{language}_{part}"] = render.source(templates, language, part)
    gettext = translations(request).gettext
    parts_labels = [(part, gettext(PART_LABELS[part])) for part in PARTS]
    context = {"site": site, "form": form, "saved": row, "parts_labels": parts_labels, **extra}
    response = render_page(request, user, "followup_settings.html", **context)
    response.status_code = code
    return response


@router.get("/followup/settings/{site_id}", response_class=HTMLResponse)
def settings_page(
    request: Request, user: CurrentUser, session: SessionDep, site_id: str
) -> Response:
    """The site's follow-up voice and templates (managers)."""
    return _settings_page(request, user, session, _site(session, user, site_id))


def _templates(form: dict[str, str]) -> dict[str, dict[str, str]]:
    """Only the parts that differ from the shipped defaults are stored."""
    defaults = render.defaults()
    out: dict[str, dict[str, str]] = {}
    for language in LANGUAGES:
        for part in PARTS:
            text = form.get(f"{language}_{part}", "").replace("\r\n", "\n").strip()
            if text and text != str(defaults[language][part]).strip():
                out.setdefault(language, {})[part] = text
    return out


@router.post("/followup/settings/{site_id}", response_class=HTMLResponse, dependencies=Csrf)
async def save_settings(
    request: Request, user: CurrentUser, session: SessionDep, site_id: str
) -> Response:
    """Save the voice if every template renders; otherwise say why and save nothing."""
    site = _site(session, user, site_id)
    raw = await request.form()
    form = {name: str(value) for name, value in raw.items() if name != "csrf"}
    try:
        voice = Voice.model_validate(
            {
                "dealership": form.get("dealership", "").strip(),
                "postal_address": " ".join(form.get("postal_address", "").split()),
                "from_email": form.get("from_email", "").strip(),
                "sms_from": form.get("sms_from", "").strip() or None,
                "tone": form.get("tone", "friendly"),
                "templates": _templates(form),
            }
        )
        check.validate(voice)
    except ValidationError as err:
        first = err.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        problem = translations(request).gettext("not saved: %(why)s") % {
            "why": f"{where}: {first['msg']}"
        }
        return _settings_page(request, user, session, site, form, problem=problem, code=400)
    except DraftError as err:
        t = translations(request)
        problem = t.gettext("not saved: %(why)s") % {"why": error_text(err, t)}
        return _settings_page(request, user, session, site, form, problem=problem, code=400)
    row = session.get(FollowupVoiceRow, (site.tenant_id, site.id))
    if row is None:
        row = FollowupVoiceRow(tenant_id=site.tenant_id, site_id=site.id)
        session.add(row)
    values = voice.model_dump()
    for name in ("dealership", "postal_address", "from_email", "sms_from", "tone", "templates"):
        setattr(row, name, values[name])
    row.updated_by, row.updated_at = user.email, utcnow()
    session.flush()
    notice = translations(request).gettext("Saved.")
    return _settings_page(request, user, session, site, notice=notice)


@router.get("/followup", response_class=HTMLResponse)
def followup_page(request: Request, user: CurrentUser, session: SessionDep) -> Response:
    """The tenant's sites (settings links) and the latest follow-ups sent."""
    scope = Scope.of(user)
    query = select(Site).where(Site.tenant_id == user.tenant_id).order_by(Site.id)
    if user.site_id is not None:  # a site-restricted user sees their site's voice only
        query = query.where(Site.id == user.site_id)
    sites = session.scalars(query).all()
    sent = session.scalars(
        select(FollowupMessageRow)
        .where(scope.where(FollowupMessageRow))
        .order_by(FollowupMessageRow.id.desc())
        .limit(50)
    ).all()
    return render_page(request, user, "followup.html", sites=sites, sent=sent)


def _link(request: Request, session: Session, token: str) -> tuple[str, PersonRow, str]:
    links: unsubscribe.Links = request.app.state.followup_links
    try:
        tenant, person_id = links.read(token)
    except unsubscribe.BadLink as err:
        raise HTTPException(404, str(err)) from err
    person = session.get(PersonRow, (tenant, person_id))
    if person is None:
        raise HTTPException(404, "this unsubscribe link is for a customer no longer on file")
    voice = session.get(FollowupVoiceRow, (tenant, person.site_id))
    return tenant, person, voice.dealership if voice else "the dealership"


@router.get("/unsubscribe/{token}", response_class=HTMLResponse)
def unsubscribe_page(request: Request, session: SessionDep, token: str) -> Response:
    """Public: ask the customer to confirm (a GET changes nothing: link scanners open links)."""
    _, person, dealership = _link(request, session, token)
    opted = "email" in unsubscribe.opted_out(session, person.tenant_id, person.id)
    context = {"dealership": dealership, "done": opted, "token": token}
    return render_template(request, "unsubscribe.html", context)


@router.post("/unsubscribe/{token}", response_class=HTMLResponse)
def unsubscribe_confirm(request: Request, session: SessionDep, token: str) -> Response:
    """Public: record the opt-out from e-mail (the button, or a mail client's one-click POST)."""
    tenant, person, dealership = _link(request, session, token)
    unsubscribe.record(session, tenant, person.id, "email", "unsubscribe link")
    context = {"dealership": dealership, "done": True, "token": token}
    return render_template(request, "unsubscribe.html", context)


@router.post("/twilio/sms")
async def twilio_sms(request: Request, session: SessionDep) -> Response:
    """Public: Twilio's messaging webhook (signed); STOP and START replies change the opt-out."""
    settings = request.app.state.settings.followup
    token = settings.twilio_auth_token
    if token is None:
        raise HTTPException(404, "texts are not set up")
    params = {name: str(value) for name, value in (await request.form()).items()}
    url = f"{settings.public_url.rstrip('/')}/twilio/sms"
    given = request.headers.get("x-twilio-signature", "")
    if not inbound.verified(token.get_secret_value(), url, params, given):
        raise HTTPException(403, "the request is not signed by Twilio for this account")
    inbound.apply(session, params.get("From", ""), params.get("To", ""), params.get("Body", ""))
    return Response('<?xml version="1.0" encoding="UTF-8"?><Response/>', media_type="text/xml")
