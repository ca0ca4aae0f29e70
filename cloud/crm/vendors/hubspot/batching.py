"""Batches: slices of at most 100, a bad input isolated by halving, errors as job results."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

from cloud.crm.model import Failed, JobResult, Retry
from cloud.crm.vendors.hubspot.exchange import Exchange, Rejected, Request
from cloud.crm.vendors.hubspot.limits import Deferred
from cloud.crm.vendors.hubspot.wire import MAX_INPUTS

T = TypeVar("T")


def chunks(items: Sequence[T], size: int = MAX_INPUTS) -> Iterator[Sequence[T]]:
    """`items` in slices of at most `size`."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


def failure(err: Exception) -> JobResult:
    """The job result of a request that did not succeed."""
    if isinstance(err, Deferred):
        return Retry(reason=err.reason, after_s=err.after_s)
    return Failed(reason=str(err))


async def send_split(
    exchange: Exchange, make: Callable[[Sequence[T]], Request], items: Sequence[T]
) -> list[tuple[Sequence[T], object]]:
    """Send `items` as one request; each part sent with its answer or its error.

    HubSpot refuses a whole batch with 400 for one bad input (an invalid e-mail, an unknown
    owner); halving until the bad input is alone costs ~2·log2(n) requests, only then, and
    lets the other inputs through instead of failing them all.
    """
    try:
        return [(items, await exchange.send(make(items)))]
    except Rejected as err:
        if err.status != 400 or len(items) < 2:
            return [(items, err)]
    except Deferred as err:
        return [(items, err)]
    half = len(items) // 2
    return [
        *await send_split(exchange, make, items[:half]),
        *await send_split(exchange, make, items[half:]),
    ]
