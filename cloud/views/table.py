"""A named table of plain values: rendered as HTML and exported as CSV the same way.

Every CSV export goes through `csv_text`, which neutralises spreadsheet formulas: a text cell
starting with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`, so a
spreadsheet shows it as text instead of running it (OWASP "CSV injection").
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from starlette.responses import Response

Cell = str | int | float | None
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Cell) -> Cell:
    """`value`, with a text cell that a spreadsheet would run as a formula made inert."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_text(columns: Sequence[str], rows: Iterable[Sequence[Cell]]) -> str:
    """CSV with a header row; every cell passes through `csv_cell`."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")  # RFC 4180; a CR or LF in a cell is quoted
    writer.writerow([csv_cell(name) for name in columns])
    writer.writerows([csv_cell(value) for value in row] for row in rows)
    return out.getvalue()


@dataclass(frozen=True)
class Table:
    """Columns and rows; `name` is the CSV file name."""

    name: str
    title: str
    columns: list[str]
    rows: list[list[Cell]]

    def csv(self) -> str:
        """The table as CSV (header first), formulas neutralised."""
        return csv_text(self.columns, self.rows)

    def response(self) -> Response:
        """The table as a CSV download named after it."""
        return Response(
            self.csv(),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{self.name}.csv"'},
        )


def rounded(value: float | None, digits: int = 2) -> float | None:
    """`value` rounded for display, None kept."""
    return None if value is None else round(float(value), digits)
