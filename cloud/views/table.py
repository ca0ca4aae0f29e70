"""A named table of plain values: rendered as HTML and exported as CSV the same way."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

Cell = str | int | float | None


@dataclass(frozen=True)
class Table:
    """Columns and rows; `name` is the CSV file name."""

    name: str
    title: str
    columns: list[str]
    rows: list[list[Cell]]

    def csv(self) -> str:
        """The table as CSV (header first)."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(self.columns)
        writer.writerows(self.rows)
        return out.getvalue()


def rounded(value: float | None, digits: int = 2) -> float | None:
    """`value` rounded for display, None kept."""
    return None if value is None else round(float(value), digits)
