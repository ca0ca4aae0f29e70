"""Tenancy admin: tenants, sites, hubs, users, tokens, staff names, broker files."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from cloud.cli import accounts
from cloud.cli.common import add_database, out, session, settings_from
from cloud.errors import ConfigError
from cloud.store import admin
from cloud.store.audit import audit, system_actor
from contract.ids import HubAddress


def _group(commands: Any, name: str, help_text: str) -> Any:
    parser = commands.add_parser(name, help=help_text)
    return parser.add_subparsers(dest=f"{name}_command", required=True, metavar="ACTION")


def add_parsers(commands: Any) -> None:
    """Register the admin subcommands."""
    tenant = _group(commands, "tenant", "Dealer groups.").add_parser("add", help="Add a tenant.")
    tenant.add_argument("tenant")
    tenant.add_argument("--name", default="")
    tenant.set_defaults(handler=_tenant_add)

    sites = _group(commands, "site", "Rooftops.")
    site = sites.add_parser("add", help="Add a site.")
    site.add_argument("tenant")
    site.add_argument("site")
    site.add_argument("--name", default="")
    site.add_argument(
        "--timezone", default="UTC", help="IANA time zone of the site (Europe/Madrid); UTC."
    )
    site.set_defaults(handler=_site_add)
    zone = sites.add_parser("timezone", help="Move a site to another IANA time zone.")
    zone.add_argument("tenant")
    zone.add_argument("site")
    zone.add_argument("timezone")
    zone.set_defaults(handler=_site_timezone)

    hub = _group(commands, "hub", "Hubs.").add_parser(
        "add", help="Register a hub: MQTT credentials and its config snippet (printed once)."
    )
    hub.add_argument("tenant")
    hub.add_argument("site")
    hub.add_argument("hub")
    hub.add_argument("--name", default="")
    hub.set_defaults(handler=_hub_add)

    accounts.add_parsers(
        _group(commands, "user", "People who log in."),
        _group(commands, "token", "API tokens."),
    )

    staff = _group(commands, "staff", "Salespeople.").add_parser(
        "add", help="Name the salesperson behind a hub pseudonym."
    )
    staff.add_argument("tenant")
    staff.add_argument("site")
    staff.add_argument("pseudonym")
    staff.add_argument("name")
    staff.set_defaults(handler=_staff_add)

    files = commands.add_parser(
        "broker-files", help="Write the Mosquitto password and ACL files for every hub."
    )
    files.add_argument("--mqtt-url", help="The cloud's own broker account (setting mqtt_url).")
    files.add_argument("--out", type=Path, help="Directory (setting broker_dir).")
    files.set_defaults(handler=_broker_files)

    for parser in (tenant, site, zone, hub, staff, files):
        add_database(parser)


def _tenant_add(args: argparse.Namespace) -> int:
    with session(args) as db:
        admin.add_tenant(db, args.tenant, args.name)
        audit(db, system_actor(args.tenant), "tenant.add", args.tenant, args.name)
    out(f"tenant {args.tenant} added")
    return 0


def _site_add(args: argparse.Namespace) -> int:
    with session(args) as db:
        try:
            admin.add_site(db, args.tenant, args.site, args.name, args.timezone)
        except ValueError as err:
            raise ConfigError(str(err)) from err
        detail = f"{args.name} ({args.timezone})".strip()
        audit(db, system_actor(args.tenant, args.site), "site.add", args.site, detail)
    out(f"site {args.tenant}/{args.site} added ({args.timezone})")
    return 0


def _site_timezone(args: argparse.Namespace) -> int:
    with session(args) as db:
        try:
            before = admin.set_site_timezone(db, args.tenant, args.site, args.timezone)
        except ValueError as err:
            raise ConfigError(str(err)) from err
        detail = f"{before} -> {args.timezone}"
        audit(db, system_actor(args.tenant, args.site), "site.timezone", args.site, detail)
    out(f"site {args.tenant}/{args.site} is now in {args.timezone}")
    return 0


def _hub_add(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    try:
        address = HubAddress.of(args.tenant, args.site, args.hub)
    except ValueError as err:
        raise ConfigError(str(err)) from err
    with session(args) as db:
        added = admin.add_hub(db, address, args.name, settings.broker_public_url)
        audit(db, system_actor(args.tenant, args.site), "hub.add", address.source)
    out(f"# hub {address.source} registered; run `showfloor-cloud broker-files` next")
    out(added.config.rstrip())
    return 0


def _staff_add(args: argparse.Namespace) -> int:
    with session(args) as db:
        admin.add_staff(db, args.tenant, args.site, args.pseudonym, args.name)
        audit(db, system_actor(args.tenant, args.site), "staff.set", args.pseudonym, args.name)
    out(f"{args.pseudonym} is {args.name}")
    return 0


def _broker_files(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    broker = settings.broker
    if broker is None or not broker.username or not broker.password:
        raise ConfigError(
            "broker-files needs the cloud's broker account: --mqtt-url URL, or the settings "
            "mqtt.host, mqtt.username and mqtt.password"
        )
    out = args.out or settings.resolved_broker_dir
    with session(args) as db:
        paths = admin.write_broker_files(db, out, broker.username, broker.password)
    sys.stdout.write("".join(f"{path}\n" for path in paths))
    return 0
