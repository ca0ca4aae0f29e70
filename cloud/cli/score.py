"""`showfloor-cloud score`: retrain the purchase-likelihood models, show a tenant's model."""

from __future__ import annotations

import argparse
import json
from typing import Any

from cloud.cli.common import add_database, out, session
from cloud.score import train


def add_parsers(commands: Any) -> None:
    """Register `score train|show`."""
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
    for parser in (fit, show):
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
