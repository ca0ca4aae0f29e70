"""The application factory: the lifespan owns the engine and the MQTT ingest task."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from pathlib import Path

import jinja2
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from starlette.middleware.gzip import GZipMiddleware
from starlette.middleware.sessions import SessionMiddleware

from cloud import __version__
from cloud.access.passwords import HashGate
from cloud.access.ratelimit import LoginLimits, LoginThrottle
from cloud.crm.connect import VendorFactory
from cloud.crm.service import run_worker
from cloud.crm.vault import Vault
from cloud.errors import BrokerError, NotFoundError
from cloud.followup.unsubscribe import Links
from cloud.ingest.worker import build_consumer, systemd_watchdog
from cloud.push import keys
from cloud.push.alerts import build_notifier
from cloud.settings import CloudSettings, state_secret
from cloud.store import db, migrate
from cloud.web import assets, charts, clock, i18n, labels
from cloud.web.deps import LoginRequired, csrf_token
from cloud.web.headers import SecurityHeaders
from cloud.web.live import Changes
from cloud.web.routes import (
    account,
    admin,
    api,
    audit,
    auth,
    crm,
    crm_settings,
    docs,
    followup,
    health,
    live,
    pages,
    practice,
    push,
    pwa,
    score,
    users,
)

_LOGGER = logging.getLogger(__name__)
HERE = Path(__file__).parent
#: Every router of the app (the tenancy test enumerates their routes).
ROUTERS = (
    health.router,
    auth.router,
    pages.router,
    live.router,
    pwa.router,
    admin.router,
    account.router,
    push.router,
    users.router,
    audit.router,
    docs.router,
    api.router,
    crm.router,
    crm_settings.router,
    followup.router,
    score.router,
    practice.router,
    practice.api,
)


def session_secret(settings: CloudSettings) -> str:
    """The cookie-signing key: the setting, else a key file made once in `state_dir`."""
    if settings.session_secret is not None:
        return settings.session_secret.get_secret_value()
    return state_secret(settings.state_dir, "session.key")


def login_limits(settings: CloudSettings) -> LoginLimits:
    """The login throttle's numbers from the settings."""
    return LoginLimits(
        per_address=settings.login_attempts_per_address,
        per_pair=settings.login_attempts_per_minute,
        account_failures=settings.login_account_failures,
        account_window_s=settings.login_account_window_s,
        max_entries=settings.login_throttle_entries,
    )


def templates(static: assets.StaticAssets) -> Jinja2Templates:
    """The page templates: gettext, labels, charts, the CSRF token, versioned static URLs.

    Block tags leave no blank lines or indents behind (`trim_blocks`, `lstrip_blocks`).
    """
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=True,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.newstyle_gettext = True  # type: ignore[attr-defined]  # set by the i18n extension
    env.globals.update(i18n.JINJA_GLOBALS)
    env.globals.update(
        charts=charts,
        labels=labels,
        csrf_token=csrf_token,
        static_url=static.url,
        alert_message=labels.alert_message,
    )
    env.filters["local"] = clock.local
    return Jinja2Templates(env=env)


def create_app(settings: CloudSettings) -> FastAPI:
    """The whole service; the database must already be migrated (`showfloor-cloud migrate`)."""
    engine = db.make_engine(settings.resolved_database_url)

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        await asyncio.to_thread(db.check, engine)
        await asyncio.to_thread(migrate.require_current, engine)
        app.state.consumer = None
        task = None
        notifier = None
        if settings.broker is not None:
            # Beside ingest workers, a client that only publishes commands (forget, sync).
            client_id = settings.mqtt_client_id + ("" if settings.ingest_in_api else "-web")
            consumer = build_consumer(
                settings, app.state.sessions, client_id, subscribe=settings.ingest_in_api
            )
            app.state.consumer = consumer
            consumer.listeners.append(app.state.changes.touch)
            if settings.push_enabled and settings.ingest_in_api:
                notifier = build_notifier(settings, app.state.sessions)
                consumer.listeners.append(notifier.on_batch)
            task = asyncio.create_task(consumer.run(), name="ingest")
        watchdog = asyncio.create_task(systemd_watchdog(), name="watchdog")
        stop_sync = asyncio.Event()
        sync = None
        if settings.crm_worker_in_api:
            sync = asyncio.create_task(run_worker(settings, stop_sync), name="crm-sync")
        try:
            yield
        finally:
            stop_sync.set()
            if sync is not None:
                try:
                    await asyncio.wait_for(sync, 10)
                except Exception:  # it logged why; shutting down anyway
                    _LOGGER.warning("the CRM sync worker ended with an error", exc_info=True)
            for running in (task, watchdog):
                if running is not None:
                    running.cancel()
                    # BrokerError: ingest ended on a refused subscription (logged, in health)
                    with contextlib.suppress(asyncio.CancelledError, BrokerError):
                        await running
            if notifier is not None:
                await notifier.aclose()
            engine.dispose()

    # No public docs: /openapi.json is a route for admins (routes/docs.py), no CDN pages.
    app = FastAPI(
        title="Showfloor cloud",
        version=__version__,
        lifespan=lifespan,
        openapi_url=None,
        docs_url=None,
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.engine = engine
    app.state.sessions = db.session_factory(engine)
    #: The static files, minified and versioned once (cloud.web.assets).
    app.state.static = assets.StaticAssets(assets.load())
    app.state.templates = templates(app.state.static)
    app.state.throttle = LoginThrottle(login_limits(settings))
    app.state.hash_gate = HashGate(settings.password_hash_slots, settings.password_hash_wait_s)
    #: Builds CRM connectors for search and test connection (tests put a vendor fake here).
    app.state.crm_factory = VendorFactory(Vault.of(settings))
    #: Signs and reads the unsubscribe links of follow-up e-mails.
    app.state.followup_links = Links.of(settings)
    #: What browsers subscribe to push with (the VAPID key is made here on a first start).
    app.state.vapid_public_key = keys.public_key(keys.vapid(settings))
    app.state.consumer = None
    #: Bumped after each batch ingest commits here: live streams wake (cloud.web.live).
    app.state.changes = Changes()
    app.add_middleware(
        SessionMiddleware,
        secret_key=session_secret(settings),
        session_cookie="showfloor_session",
        same_site="lax",
        https_only=settings.secure_cookies,
        max_age=12 * 3600,
    )
    app.add_middleware(SecurityHeaders, hsts=settings.secure_cookies)
    # Pages, API answers and static files gzipped for browsers that take it (from 500 bytes);
    # Starlette's middleware leaves text/event-stream alone, so /floor/events is not buffered.
    app.add_middleware(GZipMiddleware, minimum_size=500, compresslevel=6)
    app.mount("/static", app.state.static, name="static")
    for router in ROUTERS:
        app.include_router(router)

    @app.exception_handler(LoginRequired)
    async def _login(_request: Request, _exc: LoginRequired) -> Response:
        return RedirectResponse("/login", status_code=303)

    @app.exception_handler(NotFoundError)
    async def _not_found(_request: Request, exc: NotFoundError) -> Response:
        return JSONResponse({"detail": str(exc)}, status_code=404)

    return app
