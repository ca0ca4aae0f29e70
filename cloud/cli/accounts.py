"""Users and API tokens from the command line: add, list, revoke, disable, set a password.

Every change is written to the tenant's audit log as `cli:<login name>`.
"""

from __future__ import annotations

import argparse
import getpass
import os
from typing import Any

from cloud.cli.common import add_database, out, session
from cloud.store import accounts, admin
from cloud.store.audit import audit, system_actor
from cloud.store.tenancy import ROLES

PASSWORD_ENV = "SHOWFLOOR_CLOUD_NEW_PASSWORD"


def _password(args: argparse.Namespace) -> str:
    return os.environ.get(args.password_env) or getpass.getpass("Password: ")


def _password_flag(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--password-env",
        default=PASSWORD_ENV,
        help="Environment variable holding the password (asked for when unset).",
    )


def add_parsers(user: Any, token: Any) -> list[argparse.ArgumentParser]:
    """Register `user add|password|disable|enable` and `token add|list|revoke`."""
    add = user.add_parser("add", help="Add a user (at least 12 characters, not a common one).")
    add.add_argument("email")
    add.add_argument("tenant")
    add.add_argument("--role", choices=ROLES, default="viewer")
    add.add_argument("--site", help="Limit the user to one site.")
    add.add_argument("--name", default="")
    _password_flag(add)
    add.set_defaults(handler=_user_add)
    password = user.add_parser("password", help="Set a user's password; ends their sessions.")
    password.add_argument("email")
    _password_flag(password)
    password.set_defaults(handler=_user_password)
    parsers = [add, password]
    for action, active in (("disable", False), ("enable", True)):
        parser = user.add_parser(
            action, help=f"{action.title()} a user (ends their sessions; tokens follow)."
        )
        parser.add_argument("email")
        parser.set_defaults(handler=_user_active, active=active)
        parsers.append(parser)

    token_add = token.add_parser("add", help="Make an API token (printed once).")
    token_add.add_argument("email")
    token_add.add_argument("--name", default="api")
    token_add.add_argument(
        "--days", type=int, default=90, help="Days until it expires (1-365, default 90)."
    )
    token_add.set_defaults(handler=_token_add)
    token_list = token.add_parser("list", help="List a tenant's tokens (never the secrets).")
    token_list.add_argument("tenant")
    token_list.add_argument("--email", help="Only this user's tokens.")
    token_list.set_defaults(handler=_token_list)
    revoke = token.add_parser("revoke", help="Revoke a token by the id `token list` shows.")
    revoke.add_argument("tenant")
    revoke.add_argument("token_id", type=int)
    revoke.set_defaults(handler=_token_revoke)
    parsers += [token_add, token_list, revoke]
    for parser in parsers:
        add_database(parser)
    return parsers


def _user_add(args: argparse.Namespace) -> int:
    password = _password(args)
    with session(args) as db:
        user = admin.add_user(
            db, args.email, password, args.tenant, args.role, args.site, args.name
        )
        audit(
            db,
            system_actor(args.tenant),
            "user.add",
            user.email,
            f"role {args.role}",
            site_id=args.site,
        )
    out(f"user {args.email} added ({args.role} of {args.tenant})")
    return 0


def _user_password(args: argparse.Namespace) -> int:
    password = _password(args)
    with session(args) as db:
        user = accounts.find_user(db, args.email)
        accounts.set_password(user, password)
        audit(
            db,
            system_actor(user.tenant_id, user.site_id),
            "user.password",
            user.email,
            "sessions ended",
        )
    out(f"password of {args.email} set; their sessions ended")
    return 0


def _user_active(args: argparse.Namespace) -> int:
    with session(args) as db:
        user = accounts.find_user(db, args.email)
        accounts.set_active(user, args.active)
        action = "user.enable" if args.active else "user.disable"
        audit(db, system_actor(user.tenant_id, user.site_id), action, user.email, "sessions ended")
    out(f"{args.email} {'enabled' if args.active else 'disabled'}; their sessions ended")
    return 0


def _token_add(args: argparse.Namespace) -> int:
    with session(args) as db:
        user = accounts.find_user(db, args.email)
        row, token = accounts.add_token(db, user, args.name, args.days)
        audit(
            db,
            system_actor(user.tenant_id, user.site_id),
            "token.add",
            user.email,
            f"token {row.id} {row.name!r}, {args.days} days",
        )
    out(token)
    return 0


def _token_list(args: argparse.Namespace) -> int:
    with session(args) as db:
        user_id = accounts.find_user(db, args.email).id if args.email else None
        rows = accounts.tokens(db, args.tenant, user_id=user_id)
        out("id\tuser\tname\tcreated\texpires")
        for token, user in rows:
            expires = token.expires_at.date().isoformat() if token.expires_at else "never"
            out(f"{token.id}\t{user.email}\t{token.name}\t{token.created_at.date()}\t{expires}")
    return 0


def _token_revoke(args: argparse.Namespace) -> int:
    with session(args) as db:
        token, user = accounts.revoke_token(db, args.token_id, args.tenant)
        audit(
            db,
            system_actor(user.tenant_id, user.site_id),
            "token.revoke",
            user.email,
            f"token {token.id} {token.name!r}",
        )
    out(f"token {args.token_id} of {user.email} revoked")
    return 0
