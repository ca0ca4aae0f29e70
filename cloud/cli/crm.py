"""`showfloor-cloud crm`: work the sync outbox, preview, test a connection, status, retry."""

from __future__ import annotations

import argparse
import asyncio
import signal
from typing import Any

from sqlalchemy import select

from cloud.cli.common import add_database, out, session, settings_from
from cloud.crm import status
from cloud.crm.connect import VendorFactory
from cloud.crm.connector import CrmError
from cloud.crm.model import VENDORS
from cloud.crm.preview import preview, vendor_connector
from cloud.crm.vault import Vault
from cloud.errors import ConfigError
from cloud.store.crm import CrmConfigRow


def add_parsers(commands: Any) -> None:
    """Register `crm work|preview|test|status|retry`."""
    crm = commands.add_parser("crm", help="CRM/DMS sync.")
    actions = crm.add_subparsers(dest="crm_command", required=True, metavar="ACTION")
    work = actions.add_parser("work", help="Drain the sync outbox until SIGTERM (run several).")
    work.set_defaults(handler=_work)
    show = actions.add_parser(
        "preview", help="Print what syncing a linked conversation would send; sends nothing."
    )
    show.add_argument("--vendor", choices=VENDORS, required=True)
    show.add_argument("--conversation", help="Conversation id (default: the newest linked one).")
    show.set_defaults(handler=_preview)
    test = actions.add_parser("test", help="Test each site's CRM connection.")
    test.set_defaults(handler=_test)
    state = actions.add_parser("status", help="Backlog, last success and failures per site.")
    state.set_defaults(handler=_status)
    again = actions.add_parser("retry", help="Put dead and failed jobs back to work, unpause.")
    for parser in (test, state, again):
        parser.add_argument("--tenant", help="Only this tenant.")
        parser.add_argument("--site", help="Only this site.")
    for parser in (work, show, test, state, again):
        add_database(parser)
    again.set_defaults(handler=_retry)


def _work(args: argparse.Namespace) -> int:
    from cloud.crm.service import run_worker

    async def main() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for number in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(number, stop.set)
        await run_worker(settings_from(args), stop)

    asyncio.run(main())
    return 0


def _preview(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    with session(args) as opened:
        connect = vendor_connector(Vault.of(settings))
        try:
            found, connector = preview(opened, args.vendor, args.conversation, connect)
        except CrmError as err:
            raise ConfigError(str(err)) from err
    asyncio.run(connector.aclose())
    for line in found.lines(args.vendor):
        out(line)
    return 0


def _test(args: argparse.Namespace) -> int:
    factory = VendorFactory(Vault.of(settings_from(args)))
    with session(args) as opened:
        query = select(CrmConfigRow).order_by(CrmConfigRow.tenant_id, CrmConfigRow.site_id)
        rows = [
            row
            for row in opened.scalars(query)
            if args.tenant in (None, row.tenant_id) and args.site in (None, row.site_id)
        ]
    if not rows:
        out("no CRM settings: add them on the CRM settings page of a site")
        return 1

    async def check(row: CrmConfigRow) -> tuple[bool, str]:
        try:
            connector = factory(row)
        except CrmError as err:
            return False, str(err)
        try:
            result = await connector.check()
        except CrmError as err:
            return False, str(err)
        finally:
            await connector.aclose()
        return result.ok, result.detail

    failed = 0
    for row in rows:
        ok, detail = asyncio.run(check(row))
        failed += not ok
        where = f"{row.tenant_id}/{row.site_id or '*'} {row.vendor}"
        out(f"{where}: {'ok' if ok else 'FAILED'} {detail}")
    return 1 if failed else 0


def _status(args: argparse.Namespace) -> int:
    with session(args) as opened:
        found = status.sites(opened, args.tenant, args.site)
    if not found:
        out("no CRM sync yet")
    for site in found:
        when = f"{site.last_success:%Y-%m-%d %H:%M} UTC" if site.last_success else "never"
        line = (
            f"{site.tenant_id}/{site.site_id} {site.vendor}: backlog {site.backlog}, "
            f"sent {site.sent}, dead {site.dead}, last success {when}"
        )
        if site.paused_reason:
            line += f", PAUSED: {site.paused_reason}"
        elif site.last_error:
            line += f", last error: {site.last_error}"
        out(line)
    return 0


def _retry(args: argparse.Namespace) -> int:
    with session(args) as opened:
        count = status.retry(opened, args.tenant, args.site)
    out(f"{count} job(s) back to pending")
    return 0
