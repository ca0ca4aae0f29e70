"""English and Spanish: complete catalogues, the language each request gets, no English left.

The untranslated-text check renders every page twice on the same data, once for a browser
that asks for English and once for a user who chose Spanish, and collects the text a person
sees (text nodes, button and placeholder texts, labels, titles, the confirm question; not what a
textarea holds, which is data being edited, e.g. a site's English follow-up template). A
piece of Spanish text that is identical to the English page's and still has letters once the
data (every string stored in the database: names, site ids, audit details...) and the few
words that are the same in both languages (catalogue entries translated as themselves) are
taken out, is English that was never translated: a new template string without `{% trans %}`,
or a marked one the catalogue lacks. `test_the_check_catches_new_english` shows both are caught.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html.parser import HTMLParser
from io import BytesIO
from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from fastapi.testclient import TestClient
from sqlalchemy import Engine, String, select

from cloud.crm.model import VENDORS
from cloud.score.reasons import WORDS, Reason
from cloud.store.models import Base
from cloud.views import scorecards
from cloud.web import i18n, labels
from cloud.web.routes.audit import AUDIT_COLUMNS
from cloud.web.routes.pages import tables
from tests.cloud.factory import World, alert_row
from tests.cloud.web.conftest import csrf_of, login

ROOT = Path(__file__).resolve().parents[3]
PO = i18n.LOCALE_DIR / "es" / "LC_MESSAGES" / "messages.po"
MO = PO.with_suffix(".mo")
#: Attributes whose text a person reads or hears.
SHOWN_ATTRIBUTES = ("placeholder", "aria-label", "title", "alt", "data-confirm")
#: Words the same in both languages that are not a catalogue entry: names, the CRM vendors,
#: each language's own name (the language menu shows them so).
NEUTRAL = {"Showfloor", "UTC", *VENDORS, *(i18n.language_name(code) for code in i18n.LOCALES)}
ISO_TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d)?([+-]\d\d:\d\d|Z)?")
ENGLISH = {"accept-language": "en-US,en;q=0.9"}
SPANISH = {"accept-language": "es-ES,es;q=0.9"}


class _VisibleText(HTMLParser):
    """The pieces of text of a page that a person sees or hears, in order."""

    def __init__(self) -> None:
        super().__init__()
        self.pieces: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag in ("script", "style", "textarea"):  # a textarea holds data being edited
            self._skip += 1
        for name in SHOWN_ATTRIBUTES:
            if found.get(name):
                self.pieces.append(str(found[name]))
        if tag == "input" and found.get("type") in ("submit", "button") and found.get("value"):
            self.pieces.append(str(found["value"]))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "textarea"):
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip and data.strip():
            self.pieces.append(" ".join(data.split()))


def visible_text(html: str) -> list[str]:
    """What `_VisibleText` collects from `html`."""
    parser = _VisibleText()
    parser.feed(html)
    return parser.pieces


def stored_strings(engine: Engine) -> list[str]:
    """Every string value in the database, longest first (the pages' data)."""
    found: set[str] = set()
    with engine.connect() as connection:
        for table in Base.metadata.sorted_tables:
            columns = [c for c in table.columns if isinstance(c.type, String)]
            if columns:
                for row in connection.execute(select(*columns)):
                    found.update(str(v) for v in row if v and len(str(v)) > 1)
    return sorted(found, key=len, reverse=True)


def same_in_both_languages() -> set[str]:
    """Words of the catalogue entries whose Spanish is the English ("CRM", "Hub")."""
    with PO.open("rb") as f:
        catalog = read_po(f)
    words = set(NEUTRAL)
    for message in catalog:
        if message.id and message.string == message.id:
            words.update(re.findall(r"[^\W\d_]+", str(message.id)))
    return words


def untranslated(english: str, spanish: str, data: list[str], neutral: set[str]) -> list[str]:
    """Pieces of the Spanish page that are English: see the module's docstring."""
    shown_in_english = set(visible_text(english))
    left = []
    for piece in visible_text(spanish):
        if piece not in shown_in_english:
            continue
        if not [w for w in re.findall(r"[^\W\d_]+", piece) if w not in neutral]:
            continue
        rest = ISO_TIME.sub(" ", piece)  # a day or time in ISO 8601 is data, not English
        for value in data:  # whole values only: a stored "es" leaves "salesforce" alone
            if value in rest:
                rest = re.sub(rf"(?<!\w){re.escape(value)}(?!\w)", " ", rest)
        if [w for w in re.findall(r"[^\W\d_]+", rest) if w not in neutral]:
            left.append(piece)
    return left


def _pages(client: TestClient, engine: Engine, headers: dict[str, str]) -> dict[str, str]:
    """Every page an admin sees (and the CRM panel of a conversation), rendered."""
    from cloud.store.projections import Conversation

    with engine.connect() as connection:
        conv = connection.execute(
            select(Conversation.id).where(Conversation.tenant_id == "acme").limit(1)
        ).scalar_one()
    paths = [
        "/floor",
        "/floor/live",
        "/conversations",
        f"/conversations/{conv}",
        "/scorecards",
        "/analytics?days=30",
        "/hubs",
        "/crm",
        "/crm/settings/site-a",
        "/followup",
        "/followup/settings/site-a",
        "/follow-up?days=30",
        "/account",
        "/account/alerts",
        "/users",
        "/audit",
        "/practice",
        "/practice?site=site-a&staff=" + str(_first_staff(engine)),
        "/shell",
    ]
    pages = {}
    for path in paths:
        answer = client.get(path, headers=headers)
        assert answer.status_code == 200, f"{path}: {answer.status_code}"
        pages[path] = answer.text
    return pages


def _first_staff(engine: Engine) -> str:
    from cloud.store.tenancy import Staff

    with engine.connect() as connection:
        return str(
            connection.execute(
                select(Staff.pseudonym).where(Staff.tenant_id == "acme").order_by(Staff.name)
            )
            .scalars()
            .first()
        )


def _log_in_as(client: TestClient, email: str, headers: dict[str, str]) -> None:
    client.headers.update(headers)
    login(client, email)


def test_the_catalogue_has_every_message_of_the_sources_translated() -> None:
    with (i18n.LOCALE_DIR / "babel.cfg").open(encoding="utf-8") as cfg:
        method_map, options_map = parse_mapping_cfg(cfg)  # type: ignore[no-untyped-call]
    extracted = {
        message if isinstance(message, str) else message[0]
        for _file, _line, message, _comments, _context in extract_from_dir(
            str(ROOT), method_map, options_map, keywords={**DEFAULT_KEYWORDS, "N_": None}
        )
    }
    with PO.open("rb") as f:
        catalog = read_po(f)
    translated = {
        (m.id if isinstance(m.id, str) else m.id[0]): m
        for m in catalog
        if m.id and not m.fuzzy and all(m.string if isinstance(m.string, tuple) else [m.string])
    }
    assert len(extracted) > 200
    missing = sorted(extracted - set(translated))
    assert missing == [], "run `make messages` and translate these in es/messages.po"


def test_the_committed_mo_is_the_compiled_po() -> None:
    with PO.open("rb") as f:
        catalog = read_po(f, locale="es")
    compiled = BytesIO()
    write_mo(compiled, catalog)
    assert compiled.getvalue() == MO.read_bytes(), "es/messages.mo is stale: run `make messages`"


def test_every_column_and_axis_has_a_label() -> None:
    keys = [*scorecards.COLUMNS, *AUDIT_COLUMNS, "objection", "raised", "handled"]
    keys += ["handled_rate", "day", "zone", "hour", "visitors", "site", "engaged_rate"]
    keys += ["negotiating", "negotiating_rate", "duration_s", "sentiment", "elapsed_s"]
    keys += ["likelihood"]
    for key in keys:
        assert key in labels.METRICS, key
    spanish = i18n.translations("es")
    assert labels.header_text("talk_ratio", spanish) == "Proporción de habla (0-1)"
    assert labels.header_text("time_to_greet_s", spanish) == "Tiempo hasta el saludo (s)"
    assert labels.header_text("price", spanish) == "Precio"  # an objection kind as a column
    assert labels.header_text("brand_new_metric", spanish) == "brand_new_metric"


def test_every_reason_of_a_score_has_words_and_is_worded_in_spanish() -> None:
    words = {key for word in WORDS.values() for key in _keys_of(word)}
    assert words == set(labels.REASONS)
    spanish = i18n.translations("es")
    english = i18n.translations("en")
    stage = Reason("stage", 1.04, {"stage": "negotiating"})
    assert labels.reason_text(stage, english) == "reached the negotiating stage (+1.0)"
    assert labels.reason_text(stage, spanish) == "llegó a la fase «negociando» (+1.0)"
    open_ = Reason("objections_open_many", -1.2, {"n": 2})
    assert labels.reason_text(open_, spanish) == "2 objeciones quedaron sin respuesta (-1.2)"
    dwell = Reason("dwell", 0.74, {"minutes": 12})
    assert labels.reason_text(dwell, english) == "stayed 12 min on the floor (+0.7)"
    assert labels.reason_text(Reason("new_reason", 0.5), spanish) == "new_reason (+0.5)"


def _keys_of(word: Callable[[float], tuple[str, object]]) -> set[str]:
    """The message keys a feature's reason can take, over the values a feature has."""
    return {word(v)[0] for v in (-1.0, 0.0, 1.0, 2.0, 3.0)}


def test_every_table_column_the_pages_show_is_labelled(
    client: TestClient, world: World, engine: Engine
) -> None:
    from cloud.store import db
    from cloud.views.scope import Principal, Scope

    with db.session_factory(engine)() as session:
        scope = Scope.of(Principal(0, "x", "acme", None, "admin"), None, 30)
        for table in tables(session, scope).values():
            for column in table.columns:
                assert column.isdigit() or column in labels.METRICS or column in labels.VALUES, (
                    f"{table.name}.{column} has no label in cloud/web/labels.py"
                )


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("es-ES,es;q=0.9,en;q=0.8", "es"),
        ("en-GB,en;q=0.9,es;q=0.8", "en"),
        ("fr-FR,es;q=0.5,en;q=0.4", "es"),
        ("en;q=0.2, es-MX;q=0.7", "es"),
        ("es;q=0, en", "en"),
        ("de-DE", "en"),
        ("", "en"),
        (None, "en"),
        ("es;q=banana, en", "en"),
        ("*", "en"),
    ],
)
def test_the_browser_language_picks_the_interface_language(
    header: str | None, expected: str
) -> None:
    assert i18n.from_accept_language(header) == expected


def test_the_login_page_follows_the_browser_and_the_user_setting_wins(
    client: TestClient, world: World
) -> None:
    page = client.get("/login", headers=SPANISH)
    assert '<html lang="es">' in page.text and "Iniciar sesión" in page.text
    assert page.headers["content-language"] == "es"
    assert '<html lang="en">' in client.get("/login", headers=ENGLISH).text
    wrong = client.post(
        "/login",
        data={"email": "nobody@acme.invalid", "password": "x", "csrf": csrf_of(client)},
        headers=SPANISH,
    )
    assert wrong.status_code == 401 and "Correo o contraseña incorrectos." in wrong.text
    # a Spanish browser, a user who chose English: English
    _log_in_as(client, world.email("acme", "manager"), SPANISH)
    assert "Sala en directo" in client.get("/floor").text
    csrf = csrf_of(client, "/account")
    saved = client.post("/account/language", data={"csrf": csrf, "locale": "en"})
    assert saved.status_code == 200 and "Language saved." in saved.text
    assert "Live floor" in client.get("/floor").text
    # an unknown language is refused, and the setting stays
    refused = client.post("/account/language", data={"csrf": csrf, "locale": "xx"})
    assert refused.status_code == 400 and "Unknown language &#39;xx&#39;" in refused.text
    assert "Live floor" in client.get("/floor").text
    # empty: the browser's again
    client.post("/account/language", data={"csrf": csrf, "locale": ""})
    assert "Sala en directo" in client.get("/floor").text


def test_no_page_shows_an_untranslated_string_in_spanish(
    client: TestClient, world: World, engine: Engine
) -> None:
    _log_in_as(client, world.email("acme", "admin"), ENGLISH)
    english = _pages(client, engine, ENGLISH)
    client.post("/account/language", data={"csrf": csrf_of(client, "/account"), "locale": "es"})
    # the browser still asks for English: the user's own setting decides
    spanish = _pages(client, engine, ENGLISH)
    data, neutral = stored_strings(engine), same_in_both_languages()
    for path, page in spanish.items():
        if path != "/floor/live":
            assert '<html lang="es">' in page, path
        assert untranslated(english[path], page, data, neutral) == [], path
    client.post("/account/language", data={"csrf": csrf_of(client, "/account"), "locale": ""})
    login_en = client.get("/login", headers=ENGLISH).text
    login_es = client.get("/login", headers=SPANISH).text
    assert untranslated(login_en, login_es, data, neutral) == []


def test_the_check_catches_new_english(client: TestClient, world: World, engine: Engine) -> None:
    _log_in_as(client, world.email("acme", "admin"), ENGLISH)
    english = client.get("/floor", headers=ENGLISH).text
    spanish = client.get("/floor", headers=SPANISH).text
    data, neutral = stored_strings(engine), same_in_both_languages()
    assert untranslated(english, spanish, data, neutral) == []
    # a new template string nobody marked for translation: the same in both renders
    notice = "<p>Hubs restart tonight at 11 pm</p>"
    unmarked = untranslated(
        english.replace("</main>", notice + "</main>"),
        spanish.replace("</main>", notice + "</main>"),
        data,
        neutral,
    )
    assert unmarked == ["Hubs restart tonight at 11 pm"]
    # a marked string the Spanish catalogue lacks: gettext falls back to the English
    assert "Sala en directo" in spanish
    missing = untranslated(english, spanish.replace("Sala en directo", "Live floor"), data, neutral)
    assert missing == ["Live floor"]
    # an English aria-label
    label = untranslated(
        english, spanish.replace('aria-label="Principal"', 'aria-label="Main"'), data, neutral
    )
    assert label == ["Main"]


def test_the_follow_up_panel_and_its_crm_task_are_in_spanish(
    client: TestClient, world: World, engine: Engine
) -> None:
    """A linked conversation's drafts, the Create CRM task action and its notice and row."""
    from cloud.store import db
    from cloud.store.crm import CrmConfigRow
    from cloud.store.projections import Conversation
    from tests.cloud.followup.conftest import link, voice

    with db.session_factory(engine).begin() as session:
        conv = session.scalars(
            select(Conversation)
            .where(Conversation.tenant_id == "acme", Conversation.ended_at.is_not(None))
            .limit(1)
        ).one()
        link(session, conv.id)
        voice(session)
        session.add(CrmConfigRow(tenant_id="acme", site_id="site-a", vendor="hubspot", settings={}))
        cid = conv.id
    _log_in_as(client, world.email("acme", "manager"), ENGLISH)
    client.post("/account/language", data={"csrf": csrf_of(client, "/account"), "locale": "es"})
    page = client.get(f"/conversations/{cid}").text
    assert "Crear tarea en el CRM" in page and "Create CRM task" not in page
    csrf = re.search(r'name="csrf" value="([^"]+)"', page)
    key = re.search(r'name="task_key" value="([^"]+)"', page)
    assert csrf and key
    form = {"csrf": csrf[1], "task_key": key[1], "subject": "Hola", "body": "Llamar a Ana."}
    pushed = client.post(f"/conversations/{cid}/followup/task", data=form).text
    assert "Tarea en cola para el CRM (hubspot)." in pushed
    assert "<td>tarea del CRM</td>" in pushed and ">en cola<" in pushed


def test_the_floor_and_its_stream_show_alerts_in_spanish(
    client: TestClient, world: World, engine: Engine
) -> None:
    from cloud.store import db

    with db.session_factory(engine).begin() as session:
        session.add(alert_row("complaint", "The customer is making a complaint.", at="a-es-1"))
    _log_in_as(client, world.email("acme", "manager"), SPANISH)
    for path in ("/floor", "/floor/live", "/floor/events"):
        page = client.get(path).text
        assert "El cliente está presentando una queja." in page, path
        assert "The customer is making a complaint." not in page, path
    english = client.get("/floor", headers=ENGLISH).text
    client.post("/account/language", data={"csrf": csrf_of(client, "/account"), "locale": "en"})
    assert "The customer is making a complaint." in client.get("/floor").text
    assert "The customer is making a complaint." in english or '<html lang="es">' in english


def test_the_alerts_page_says_everything_in_spanish(client: TestClient, world: World) -> None:
    """push.js says what the page gives it (data-say-*); the server's refusals are worded too."""
    _log_in_as(client, world.email("acme", "manager"), SPANISH)
    page = client.get("/account/alerts").text
    said = dict(re.findall(r'data-say-([a-z-]+)="([^"]*)"', page))
    assert said == {
        "unsupported": "Este navegador no admite notificaciones push: las alertas se ven en "
        "la sala en directo.",
        "blocked": "Las notificaciones están bloqueadas para este sitio web: permítalas en los "
        "ajustes del navegador.",
        "not-saved": "No guardado: %(detail)s",
        "failed": "Este dispositivo no pudo suscribirse (%(detail)s): las alertas se ven en la "
        "sala en directo.",
    }
    keys = {"p256dh": "B" * 87, "auth": "A" * 22}
    csrf = {"X-CSRF-Token": csrf_of(client, "/account/alerts")}
    body = {"endpoint": "http://push.example/x", "keys": keys, "kinds": ["complaint"]}
    refused = client.post("/account/alerts/subscriptions", json=body, headers=csrf)
    assert refused.status_code == 422
    assert refused.json()["detail"] == (
        "un destino push debe ser una URL https:// de un servicio push"
    )
    body |= {"endpoint": "https://push.example/x", "sites": ["nowhere"]}
    unknown = client.post("/account/alerts/subscriptions", json=body, headers=csrf)
    assert unknown.json()["detail"] == "no existe el centro 'nowhere'"
    expired = client.post("/account/alerts/subscriptions", json=body, headers={"X-CSRF-Token": "x"})
    assert expired.json()["detail"] == "la página caducó: vuelva a cargarla"


def test_follow_up_refusals_and_outcome_errors_are_in_spanish(
    client: TestClient, world: World, engine: Engine
) -> None:
    from cloud.store import db
    from cloud.store.projections import Conversation
    from tests.cloud.followup.conftest import link, voice

    with db.session_factory(engine).begin() as session:
        ended = session.scalars(
            select(Conversation)
            .where(Conversation.tenant_id == "acme", Conversation.ended_at.is_not(None))
            .limit(1)
        ).one()
        live = session.scalars(
            select(Conversation)
            .where(Conversation.tenant_id == "acme", Conversation.ended_at.is_(None))
            .limit(1)
        ).one()
        link(session, ended.id, ("crm", "email"))  # no consent to texts
        cid, live_id = ended.id, live.id
    _log_in_as(client, world.email("acme", "manager"), SPANISH)
    page = client.get(f"/conversations/{cid}").text  # no follow-up settings for the site yet
    assert "el centro &#39;site-a&#39; aún no tiene ajustes de seguimiento" in page
    with db.session_factory(engine).begin() as session:
        voice(session)
    page = client.get(f"/conversations/{cid}").text
    assert "el cliente no aceptó recibir mensajes de texto" in page
    csrf = csrf_of(client, f"/conversations/{cid}")
    form = {"csrf": csrf, "channel": "email", "key": "k" * 20, "subject": "Hola", "body": " "}
    sent = client.post(f"/conversations/{cid}/followup/send", data=form)
    assert sent.status_code == 400
    assert "nada que enviar: el mensaje está vacío" in sent.text
    form |= {"channel": "sms", "body": "Gracias por su visita."}
    refused = client.post(f"/conversations/{cid}/followup/send", data=form)
    assert "no enviado: el cliente no aceptó recibir mensajes de texto" in refused.text
    outcome = client.post(
        f"/conversations/{live_id}/outcome", data={"csrf": csrf, "outcome": "sold"}
    )
    assert outcome.status_code == 400
    assert outcome.json()["detail"] == (
        f"la conversación '{live_id}' sigue en curso: marque su resultado cuando haya "
        "terminado (no se ha guardado nada)"
    )
    expired = client.post(f"/conversations/{cid}/outcome", data={"csrf": "x", "outcome": "sold"})
    assert expired.json()["detail"] == "el formulario caducó: vuelva a cargar la página"


def test_the_offline_shell_is_in_the_users_language(client: TestClient, world: World) -> None:
    """What the service worker keeps for a bad connection: the user's language, no data."""
    signed_out = client.get("/shell", headers=SPANISH)
    assert '<html lang="es">' in signed_out.text and "Sin conexión" in signed_out.text
    _log_in_as(client, world.email("acme", "manager"), ENGLISH)
    assert "No connection to Showfloor" in client.get("/shell").text
    client.post("/account/language", data={"csrf": csrf_of(client, "/account"), "locale": "es"})
    page = client.get("/shell").text
    assert '<html lang="es">' in page and 'id="offline-shell"' in page
    assert "No connection" not in page and world.email("acme", "manager") not in page
