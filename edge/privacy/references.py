"""The business's paperwork numbers: a purchase order, an invoice, a work order, a part (round 22).

Issue 18, round 22: a number said right after the name of its document ("PO 88-1204, invoice
55019 and work order 7731", "Our USDOT number is 3318842 and the MC number is 1120934",
"the invoice number is one one four seven seven", test37; "part number eight six five one one
dash", test32; "el número de la orden de compra es cuatro cuatro siete uno", "Su número de DOT
es el 3318842", "la referencia es la factura 55031", es_test37) is a fleet's or a shop's
reference, no person's detail; "Repair order 418827 for Gloria Mendez" (test33) is labelled
so. The spans the rules or the tagger take such a number for (phone, account, address, ...)
are dropped when they are a code and nothing more: digits, digit words, a dash or a letter.

Kept details: "PO Box 3318" (a mailing address, test10-19: the cue is never "PO Box"), "el RFC
para la factura es BEHJ7604128K3" (es_test32: a bare "factura" / "invoice" takes its number
only right after it or after "número" / "number"), "my contact number po is ..." (test30: "PO"
only in capitals or as "the po"), an e-mail's spoken "dot nine" (test27: "DOT" only in
capitals or with "number").

Written on test32, test33, test37 and es_test37 (one author's pair and two others').
"""

from __future__ import annotations

import re

from edge.privacy.spans import Kind, Span

_NUMBERED = r"(?:\s+(?:number|n[uú]mero|no\.?)|\s*\#)"
_IS = r"(?:\s+(?:is|es|was|era|:))?(?:\s+(?:the|el|la|as))?"
#: A document's name and what may stand between it and its number.
_CUE = re.compile(
    r"(?:"
    rf"(?i:\b(?:us\s?dot|dot\s+number|mc\s+number|purchase\s+order|work\s+order|"
    rf"repair\s+order|part\s+number|orden\s+de\s+(?:compra|trabajo|servicio|reparaci[oó]n)|"
    rf"n[uú]mero\s+de\s+(?:parte|DOT|MC)){_NUMBERED}?{_IS})"
    rf"|\b(?:DOT|MC|RO|P\.?O\.?(?!(?i:\s*box)))(?!\w)(?i:{_NUMBERED}?{_IS})"
    rf"|(?i:\bthe\s+po{_NUMBERED}?{_IS})"
    rf"|(?i:\b(?:invoice|factura)(?:{_NUMBERED}{_IS})?)"
    r")(?i:\s*)",
)
#: The words of a code: digits, digit words, a dash, a letter said alone.
_CODE_WORD = re.compile(
    r"[\w-]*\d[\w-]*|[a-z]|zero|oh|one|two|three|four|five|six|seven|eight|nine|ten|"
    r"eleven|twelve|\w+teen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|"
    r"thousand|cero|uno|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|once|doce|trece|"
    r"catorce|quince|dieci\w+|veint\w+|treinta|cuarenta|cincuenta|sesenta|setenta|ochenta|"
    r"noventa|cien|ciento|\w+cientos|mil|y|and|dash|guion|gui[oó]n|double|doble",
    re.IGNORECASE,
)
_WORDS = re.compile(r"[^\s,.;:#]+")
#: The kinds a reference number is taken for.
_NUMBERS = frozenset({Kind.PHONE, Kind.ACCOUNT, Kind.ADDRESS, Kind.LICENSE, Kind.CARD, Kind.PLATE})


def is_reference(text: str, span: Span) -> bool:
    """Whether `span` is a code said right after a document's name (the name may be inside)."""
    if span.kind not in _NUMBERS:
        return False
    for cue in _CUE.finditer(text, max(0, span.start - 40), span.end):
        if cue.end() == cue.start() or not any(c.isalpha() for c in cue.group()):
            continue
        # the span starts at the cue's number, or takes in the cue (", invoice 55019")
        lead = text[span.start : cue.start()]
        if not (cue.end() == span.start or (span.start <= cue.start() and not lead.strip(" ,"))):
            continue
        code = text[max(span.start, cue.end()) : span.end]
        words = _WORDS.findall(code)
        if words and all(_CODE_WORD.fullmatch(w) for w in words):
            return True
    return False


def drop(text: str, spans: list[Span]) -> list[Span]:
    """`spans` without the paperwork's reference numbers."""
    return [span for span in spans if not is_reference(text, span)]
