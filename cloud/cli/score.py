"""`showfloor-cloud score`: read CRM outcomes, retrain the purchase-likelihood models, show one."""

from __future__ import annotations

import argparse
import asyncio
import json
from datetime import UTC, datetime, timedelta
from typing import Any

from cloud.cli.common import add_database, out, session, settings_from
from cloud.crm.connect import VendorFactory
from cloud.crm.vault import Vault
from cloud.score import crm_outcomes, train
from cloud.store import db


def add_parsers(commands: Any) -> None:
    """Register `score crm-outcomes|train|show`."""
    score = commands.add_parser("score", help="Purchase-likelihood score.")
    actions = score.add_subparsers(dest="score_command", required=True, metavar="ACTION")
    fit = actions.add_parser(
        "train", help="Retrain each tenant whose outcomes changed since its model (or --tenant)."
    )
    fit.add_argument("--tenant", help="Retrain this tenant now, changed or not.")
    fit.set_defaults(handler=_train)
    show = actions.add_parser("show", help="Print a tenant's model as JSON.")
    show.add_argument("tenant")
    show.set_defaults(handler=_show)
    deals = actions.add_parser(
        "crm-outcomes",
        help="Read deals closed in the CRM (HubSpot) as outcomes, then retrain what changed.",
    )
    deals.add_argument(
        "--days", type=int, default=30, help="Deals changed in the last DAYS days (default 30)."
    )
    deals.add_argument("--tenant", help="Only this tenant.")
    deals.set_defaults(handler=_crm_outcomes)
    for parser in (fit, show, deals):
        add_database(parser)


def _train(args: argparse.Namespace) -> int:
    with session(args) as opened:
        tenants = [args.tenant] if args.tenant else train.stale(opened)
        for tenant in tenants:
            model = train.train(opened, tenant)
            out(f"{tenant}: {model.kind} on {model.outcomes} outcomes ({model.sold} sold)")
        if not tenants:
            out("every model is up to date")
    return 0


def _show(args: argparse.Namespace) -> int:
    with session(args) as opened:
        model = train.current(opened, args.tenant)
    shown = {
        "tenant": args.tenant,
        "kind": model.kind,
        "outcomes": model.outcomes,
        "sold": model.sold,
        "weight": round(model.weight, 4),
        "intercept": round(model.intercept, 4),
        "coefficients": {k: round(v, 4) for k, v in model.named().items()},
    }
    out(json.dumps(shown, indent=2))
    return 0


def _crm_outcomes(args: argparse.Namespace) -> int:
    if not 1 <= args.days <= 3660:
        raise ValueError(f"--days must be 1..3660, not {args.days}")
    settings = settings_from(args)
    engine = db.make_engine(settings.resolved_database_url)
    try:
        db.check(engine)
        since = datetime.now(UTC) - timedelta(days=args.days)
        factory = VendorFactory(Vault.of(settings))
        pulled = asyncio.run(
            crm_outcomes.pull(db.session_factory(engine), factory, since, args.tenant)
        )
        with db.session_factory(engine).begin() as opened:
            for tenant in train.stale(opened):
                model = train.train(opened, tenant)
                out(f"{tenant}: {model.kind} on {model.outcomes} outcomes ({model.sold} sold)")
    finally:
        engine.dispose()
    out(
        f"{pulled.deals} closed deals read, {pulled.outcomes} outcomes kept, "
        f"{pulled.kept_managers} left as a manager marked them"
    )
    for problem in pulled.problems:
        out(f"problem: {problem}")
    return 1 if pulled.problems else 0
