"""The dealership's own details: a stock number, the showroom's address. Never personal.

"stock number p four four seven one", "el número de inventario es el p cuatro cuatro siete
dos", "our service department is at 2200 S Expressway 83", "nuestra agencia está en la
Avenida Constitución 1200", "come see us at 1500 North Expressway" (round 10): numbers and
addresses said right after such a cue belong to the business (a car on the lot, the place
itself), so the redactor drops the address, phone, licence, plate and account spans that start
in the clause after one. A person's own address
("my address is ...", "vivo en ...") has no such cue.

Round 19: the sales floor is one of the places ("el teléfono del piso de ventas es ..."), the
place told by its look tells a visitor the way ("we're at the corner of ..., the dealership
with the blue sign"), and a ZIP after the comma stays in the address's clause ("la agencia
está en ... 1450, código postal 01040").

Round 22: "our address" is the dealership's under the same condition as "we're at": when the
sentence tells a visitor the way ("Our address is 2200 North Interstate 35, or just put the
dealership name in the GPS", test35; "That's our address, ninety-one oh one Industrial
Boulevard, behind the tire shop", test38, "behind the" a landmark like "next to the"; so is
"across from the": "We're on Camelback near 44th Street, right across from the Ferrari store",
test37, said of the dealership in test18 and test28 too). A
customer's "our address is 742 Calle Serena" (test12) or "our address is 41 Ferris Wheel
Court" (test27) tells no way and stays a detail.

Round 20: the opening hours said in the sentence are a visitor's directions too ("we're at
1900 North Route 83 in Lombard, and finance stays open till nine", test30; "we're at ..., open
till nine on weeknights", test24).

Round 25: a sentence that invites a caller or a visitor ("llámenos al", "visítenos",
"abierto hasta", "llame al concesionario al") holds the business's address and phone wherever
they are in it (es_test43, es_test47: a dealership's own line of an ad); a landmark's distance
("a dos cuadras del freeway", es_test33; "a dos minutos del estadio", es_test44) tells a
visitor the way after "estamos en".

Round 25: more ways the dealership tells its own place (test40, test43, test44, test47): a
phone greeting ("thanks for calling <dealership>, <address>"), "call the showroom at ..." (the
showroom, the store, the service department; not "the office", a customer's too), the place's
name before "address" ("our <brand> Centre address is ..."; not "our home/mailing/new
address"), and among the directions the GPS named anyway and a visit "in person". "Right past
the ..." is not one: customers tell the way home with it ("out past the water tower", test4,
test14). The dealership's website is `business_web`'s.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from edge.privacy import business_mail, business_phone, business_web
from edge.privacy.spans import Kind, Span

#: The business's places, with "our"/"the" (English) or "nuestra"/"la"/... (Spanish).
_PLACE_EN = r"""(?:service\s+(?:department|center|centre|drive)|parts\s+department|body\s+shop|
    dealership|dealer|showroom|sales\s+floor|store|shop|lot|office|location|branch)"""
_PLACE_ES = r"""(?:agencia|sucursal|tienda|concesionaria|concesionario|oficina|taller|local|
    lote|distribuidora|distribuidor|agencia\s+de\s+servicio|piso\s+de\s+ventas|sala\s+de\s+ventas)"""
_CUE = re.compile(
    rf"""\b(?:
        (?:our|the)\s+{_PLACE_EN}(?:'s)?\s+(?:is|are|'s)\s+(?:located\s+)?(?:at|on|in)?
      | (?:our|the)\s+{_PLACE_EN}'s\s+(?:located\s+)?(?:at|on|in)\b
      | our\s+address\s+here
      | (?:our|the)\s+{_PLACE_EN}(?:'s)?\s+(?:phone\s+)?(?:number|line)(?:\s+is|'s)
      | (?=\d[\d\s-]*\s(?:auto|motor)\s+(?:mall|plaza|row|mile)\b)
      | (?:call|text|reach)\s+us\s+(?:at|on)
      | (?:call|text|reach)\s+(?:the|our)\s+(?:showroom|dealership|store|sales\s+floor|
        (?:service|parts)\s+department)\s+(?:at|on)
      | thank(?:s|\s+you)\s+for\s+calling
      | (?:{_PLACE_EN}\s+)?main\s+(?:line|number)
      | nos\s+(?:puedes?|pueden|podés)\s+(?:llamar|marcar|escribir)\s+(?:al|a)?
      | (?:ll[aá]m[ae]nos|m[aá]rc[ae]nos)\s+(?:al|a)?
      | (?:our|the)\s+{_PLACE_EN}\s+(?:has\s+|just\s+|recently\s+)?(?:moved|relocated)\s+
        (?:over\s+)?to
      | (?:nuestra|nuestro|la|el)\s+{_PLACE_ES}\s+(?:está|esta|queda|se\s+encuentra)\s+(?:en)?
      | (?:nuestra|nuestro|la|el)\s+{_PLACE_ES}\s+se\s+(?:mudó|mudo|cambió|cambio)\s+(?:a|para)
      | (?:come\s+(?:see|visit)|visit|find)\s+us\s+(?:at|on)
      | (?:vis[ií]tenos|vis[ií]tanos|encu[eé]ntrenos)\s+en
      | estamos\s+ubicados\s+en
      | (?:stock|inventory)\s+(?:number|no\.?|\#)
      | (?:número|numero|no\.?)\s+de\s+(?:inventario|stock)
      | \bel\s+stock\s+(?:es|son)
      | (?:nuestro|el)\s+(?:tel[eé]fono|n[uú]mero|whatsapp)\s+(?:de\s+la|de\s+el|del)\s+
        (?:agencia|concesionaria|concesionario|distribuidora|sucursal|piso\s+de\s+ventas|
        sala\s+de\s+ventas)
      | inventario
    )""",
    re.IGNORECASE | re.VERBOSE,
)
#: "we're at ...", "estamos en ...": the business's place only when the same sentence tells a
#: visitor how to find it ("you can't miss us", "right off the exit", "por si se pierde");
#: customers say "we're at 4418 Sycamore Drive, up in the north end" of their home.
_WE = re.compile(
    r"\b(?:we're|we\s+are|were|estamos)\s+(?:located\s+|ubicados\s+)?(?:at|on|en)\b|"
    # round 22: "our address is ...", "that's our address, ..." (test35, test38)
    r"\bour\s+address(?:\s+is|,)|"
    # round 25: the place's name before "address" ("Our Porsche Centre address is ...", test44)
    r"\bour\s+(?:(?!home|house|mailing|billing|new|old|current|previous|own|permanent)"
    r"[A-Z]\w*\s+){1,2}address\s+is\b",
    re.IGNORECASE,
)
#: The places without the layout's white space, for the expressions that are not verbose.
_FLAT_EN, _FLAT_ES = ("".join(place.split()) for place in (_PLACE_EN, _PLACE_ES))
_DIRECTIONS = re.compile(
    r"\b(?:can(?:'t|not|\s+not|t)\s+miss|right\s+off\s+the\s+(?:exit|interstate|freeway|"
    r"highway)|por\s+si\s+se\s+pierde|no\s+tiene\s+p[eé]rdida|no\s+hay\s+p[eé]rdida|"
    # an invitation to come over (round 13): "por si lo quiere pasar a recoger", "stop by"
    r"por\s+si\s+(?:\w+\s+)?(?:quiere|quieren|gusta|gustan|desea|desean)\s+(?:pasar|venir)|"
    r"pasar\s+a\s+recoger|(?:come|stop|swing|drop)\s+by\b|"
    # a landmark beside the place (round 15): "a un lado del Oxxo", "frente a la plaza"
    r"a\s+un\s+lado\s+del?\b|(?:justo\s+)?(?:en)?frente\s+(?:a|al|de|del)\b|"
    # round 16: "al lado del Home Depot", "next to the Home Depot", "just off the 101"
    r"al\s+lado\s+del?\b|next\s+to\s+the\b|(?:right\s+|just\s+)?(?:behind|across\s+from)\s+the\b|(?:just|right)\s+off\s+(?:the\s+)?(?:\d+|i-?\d+)\b|"
    r"no\s+tiene\s+pierde|"
    # round 19: the place told by its look ("..., the dealership with the blue sign")
    rf"the\s+{_FLAT_EN}\s+with\b|(?:la|el)\s+{_FLAT_ES}\s+con\b|"
    # round 20: the opening hours ("we're at ..., and finance stays open till nine", test30;
    # "we're at ..., open till nine on weeknights", test24)
    r"\bopen\s+(?:till|until|til|'til)\b|\babiert[oa]s?\s+hasta\b|"
    # round 21: the place put in a GPS ("we're at ..., if you put lakeside kia in the gps",
    # test33; "just put that in your GPS", test16; "if you need it for the GPS", test26)
    r"\b(?:in|into|for)\s+(?:the|your)\s+(?:gps|navigation|nav)\b|"
    # round 25: a landmark's distance ("a dos cuadras del freeway", es_test33; "a dos minutos
    # del estadio", es_test44)
    r"\ba\s+(?:[^\W\d_]+\s+){1,2}(?:minutos?|cuadras?|pasos)\s+del?\b|"
    # round 25: the GPS named anyway ("if your GPS won't find the new building", test44), a
    # visit ("if you'd rather come sign in person", test40); not a landmark passed on the way
    # ("out past the water tower" is said of homes, test4, test14)
    r"\b(?:your|the)\s+gps\b|\bin\s+person\b)",
    re.IGNORECASE,
)
#: Round 25: a sentence that invites a caller or a visitor to the business holds the business's
#: address and number wherever they are in it, before the invitation too ("Auto Superstore,
#: 1450 West 49th Street, llámenos al ..., abierto hasta las 9", es_test43; "Llame al
#: concesionario al ... o venga a la 2900 NW 87th Ave", es_test47).
_INVITED = re.compile(
    rf"""\b(?:ll[aá]m[ae]nos|vis[ií]t[ae]nos|abiert[oa]s?\s+hasta
      | ll[aá]me(?:n)?\s+(?:al|a\s+la)\s+{_PLACE_ES})\b""",
    re.IGNORECASE | re.VERBOSE,
)
#: A cross street or landmark after the business's place: "la agencia está sobre avenida
#: Insurgentes, casi llegando a Félix Cuevas", "our lot is on Main, right past Martin Luther
#: King": a street named after a person, not a person (round 13). Only in a line with a
#: business cue; a customer's "calle Hidalgo esquina con Morelos" is their address.
_CROSS = re.compile(
    r"\b(?:(?:casi\s+)?llegando\s+a|esquina\s+(?:con|de)|a\s+la\s+altura\s+de|cruce\s+con|"
    r"(?:right\s+|just\s+)?past|(?:the\s+)?corner\s+of|intersection\s+of|across\s+from)"
    r"\s+(?:la\s+|el\s+|the\s+)?(?:[^\W\d_]+\s+){0,2}$",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.?!](?:\s|$)")
#: A clause ends at a full stop, a comma, ... before a space (or the end of the text), or where
#: the speaker turns to their own details (an ASR writes no punctuation: "the dealership is on
#: main call me at ...", "la agencia está en el centro mi número es ...").
_CLAUSE_END = re.compile(
    # a comma inside a number read in groups ("ochocientos, cinco cinco cinco, ...") goes on
    # round 19: so does a ZIP said after the comma (", código postal 01040", ", zip 78745")
    r"[.?!;](?:\s|$)|,(?!\s*(?:\d+|cero|uno|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|"
    r"c[oó]digo\s+postal|c\.\s?p\.|cp|zip(?:\s+code)?)\b)"
    r"(?:\s|$)|\b(?:my|mine|me|i|i'm|im|we|our\s+(?:new\s+|old\s+)?(?:home|house|address|place|apartment|condo)|mi|mis|yo|"
    r"vivo|vivimos|call|text|llama|llámame|llamame|márcame|marcame|cell|phone|teléfono|telefono|"
    r"celular|email|correo)\b",
    re.IGNORECASE,
)
#: At most this many characters after a cue belong to it (an ASR writes no full stops).
REACH = 60
#: The kinds a business's number or address is mistaken for.
DROPPED = frozenset({Kind.ADDRESS, Kind.PHONE, Kind.LICENSE, Kind.PLATE, Kind.ACCOUNT})


#: Round 25 (test28, test36): a landmark said bare ("we're at 902 west high street across from
#: the old dairy queen", "... next to the methodist church") locates a customer's home; the
#: dealership's staff say it as directions, "right across from the Costco", "just past ...".
_BARE_LANDMARK = re.compile(
    r"(?<!right\s)(?<!just\s)\b(?:next\s+to|behind|across\s+from)\s+the\b", re.IGNORECASE
)


def _told_the_way(text: str, match: re.Match[str], end: int) -> bool:
    """Whether the sentence after the "we're at" of `match` tells a visitor the way.

    After "we're at/on" (not "our address"), a bare landmark alone is no direction.
    """
    bare = not match.group().lower().startswith("our")
    return any(
        not (bare and _BARE_LANDMARK.fullmatch(text, d.start(), d.end()))
        for d in _DIRECTIONS.finditer(text, match.end(), end)
    )


def regions(text: str) -> Iterator[tuple[int, int]]:
    """The stretches of `text` right after a business cue (to the clause's end, ≤ `REACH`)."""
    cues = list(_CUE.finditer(text))
    for match in _WE.finditer(text):
        stop = _SENTENCE_END.search(text, match.end())
        end = stop.start() if stop else len(text)
        # or when the business's own number follows in the sentence (round 16): "estamos en
        # avenida Gonzalitos 500, el teléfono de la agencia es ...", "we're at ..., call the
        # main line at ..."
        if _told_the_way(text, match, end) or any(match.end() <= cue.start() < end for cue in cues):
            cues.append(match)
    for match in cues:
        end = min(len(text), match.end() + REACH)
        stop = _CLAUSE_END.search(text, match.end(), end)
        yield match.end(), stop.start() if stop is not None else end


def _invited(text: str) -> Iterator[tuple[int, int]]:
    """The sentences of `text` that hold an invitation to the business (`_INVITED`)."""
    start = 0
    for stop in [*_SENTENCE_END.finditer(text), None]:
        end = stop.start() if stop is not None else len(text)
        if _INVITED.search(text, start, end):
            yield start, end
        if stop is None:
            break
        start = stop.end()


def _cross_street(text: str, span: Span) -> bool:
    """Whether `span` is a name right after a cross-street cue ("casi llegando a | Félix")."""
    before = max(0, span.start - 30)
    return span.kind is Kind.NAME and _CROSS.search(text, before, span.start) is not None


def drop(text: str, spans: list[Span]) -> list[Span]:
    """`spans` without the address, phone, ... spans that start in a business region.

    In a line with a business cue, a name right after a cross-street cue goes too. The
    business's phone numbers of `business_phone` (toll-free, said with a business word) go
    wherever they are.
    """
    spans = business_web.drop(text, business_mail.drop(text, business_phone.drop(text, spans)))
    found = [*regions(text), *_invited(text)]
    if not found:
        return spans
    return [
        span
        for span in spans
        if not _cross_street(text, span)
        and (span.kind not in DROPPED or not any(a <= span.start < b for a, b in found))
    ]
