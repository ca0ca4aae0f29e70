"""Composite answers -> one `JobResult` per job (Sent, Retry or Failed with Salesforce's words)."""

from __future__ import annotations

from pydantic import TypeAdapter, ValidationError

from cloud.crm.model import Failed, JobResult, Retry, Sent
from cloud.crm.vendors.salesforce.wire import ApiError, SaveResult, SubResponse

#: Error codes that pass by themselves: try again later.
TRANSIENT = frozenset(
    {"UNABLE_TO_LOCK_ROW", "SERVER_UNAVAILABLE", "REQUEST_LIMIT_EXCEEDED", "PROCESSING_HALTED"}
)
#: A DELETE of something already gone is what a forget wants.
GONE = frozenset({"NOT_FOUND", "ENTITY_IS_DELETED"})

_ERRORS = TypeAdapter(list[ApiError])


def errors(body: object) -> list[ApiError]:
    """Salesforce's error list `[{"message", "errorCode", "fields"}]` (empty if it is not one)."""
    try:
        return _ERRORS.validate_python(body)
    except ValidationError:
        return []


def succeeded(method: str, answer: SubResponse) -> bool:
    """2xx, or a DELETE of a record that no longer exists."""
    if 200 <= answer.httpStatusCode < 300:
        return True
    return method == "DELETE" and any(e.errorCode in GONE for e in errors(answer.body))


def failure(answer: SubResponse) -> JobResult:
    """Retry for a transient error, Failed (the vendor's code, message and fields) otherwise."""
    found = errors(answer.body)
    first = found[0] if found else ApiError(message=str(answer.body)[:300])
    reason = f"{first.errorCode}: {first.message}"
    if first.fields:
        reason += f" (fields: {', '.join(first.fields)})"
    if answer.httpStatusCode >= 500 or first.errorCode in TRANSIENT:
        return Retry(reason=reason)
    return Failed(reason=reason)


def remote_id(answer: SubResponse) -> str | None:
    """The record id in a save result (None for a DELETE's empty body)."""
    if not isinstance(answer.body, dict):
        return None
    try:
        return SaveResult.model_validate(answer.body).id
    except ValidationError:
        return None


def job_result(
    refs: list[str], primary: str, methods: dict[str, str], answers: dict[str, SubResponse]
) -> JobResult:
    """The result of a job whose subrequests are `refs` (`primary` names its record)."""
    for ref in refs:
        answer = answers.get(ref)
        if answer is None:
            return Retry(reason="not sent: an earlier call of this push failed")
        if not succeeded(methods[ref], answer):
            return failure(answer)
    if methods[primary] == "DELETE":
        return Sent(detail=f"deleted {len(refs)} record(s) or found them gone")
    return Sent(remote_id=remote_id(answers[primary]))
