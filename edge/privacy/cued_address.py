"""Street addresses said after an address cue, with every published street type.

`address` and `spanish` find an address anywhere in a line from a short list of common street
types ("street", "drive", "calle", "avenida"); a line by a new speaker brings the others
("580 Parsons Gateway Apt. 215", "Rambla de Yésica Porras 31", "Boulevard Chaco N° 793").
Here the list is the published one, but only after a cue that says an address follows ("we
live at", "my address is", "vivo en", "mi dirección es"), so that "the 2021 Forest Green" or
"a view of the park" said elsewhere is never taken:

- English: the primary street suffixes and their standard abbreviations of USPS Publication
  28, appendix C1 ("Gateway", "Lodge", "Spurs", "Hollow", "Crossing", ...), after a house
  number; a unit before ("Studio 19, James Street") or after ("Apt. 215", "Suite 262").
- Spanish: the types of way of Spain's street directory (INE: calle, avenida, paseo, plaza,
  ronda, rambla, travesía, pasaje, pasadizo, glorieta, vía, vial, ...) and of Mexico's and
  South America's (privada, cerrada, andador, circuito, calzada, viaducto, prolongación,
  continuación, periférico, diagonal, transversal, carrera, ...), a name of up to five words,
  the number ("118", "N° 793", "# 52-62", "s/n") and what follows it ("4º B", "piso 3",
  "interior 157", "Edif. 640, Depto. 562"). After the cue a way without a type is taken too
  when its name is capitalised and a number follows ("vivo en Francisco Bilbao 36").

Runs on the spoken-digits view (`spoken.view`): "twenty two oak hollow drive" is "22 oak
hollow drive" there.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from edge.privacy import address, frequency
from edge.privacy.spans import Kind, Span
from edge.privacy.vocab import NOT_BARE

#: USPS Publication 28, appendix C1: primary suffix names and standard abbreviations.
_USPS = """
    allee alley ally aly anex annex annx anx arc arcade av ave aven avenu avenue avn avnue
    bayoo bayou bch beach bend bnd blf bluf bluff bluffs blfs bot btm bottm bottom blvd
    boul boulevard boulv br brnch branch brdge brg bridge brk brook brooks brks burg burgs
    bg bgs byp bypa bypas bypass byps camp cp cmp canyn canyon cnyn cyn cape cpe causeway
    causwa cswy cen cent center centr centre cnter cntr ctr centers ctrs cir circ circl
    circle crcl crcle circles cirs clf cliff clfs cliffs clb club common cmn commons cmns
    cor corner corners cors course crse court ct courts cts cove cv coves cvs creek crk
    crescent cres crsent crsnt crest crst crossing crssng xing crossroad xrd crossroads
    xrds curve curv dale dl dam dm div divide dv dvd dr driv drive drv drives drs est
    estate estates ests exp expr express expressway expw expy ext extension extn extnsn
    extensions exts fall falls fls ferry frry fry field fld fields flds flat flt flats
    flts ford frd fords frds forest forests frst forg forge frg forges frgs fork frk forks
    frks fort frt ft freeway freewy frway frwy fwy garden gardn grden grdn gardens gdns
    grdns gdn gateway gatewy gatway gtway gtwy glen gln glens glns green grn greens grns
    grov grove grv groves grvs harb harbor harbr hbr hrbor harbors hbrs haven hvn ht hts
    heights highway highwy hiway hiwy hway hwy hill hl hills hls hllw hollow hollows holw
    holws inlt inlet is island islnd islands islnds iss isle isles jct jction jctn
    junction junctn juncton jctns jcts junctions key ky keys kys knl knol knoll knls
    knolls lk lake lks lakes land landing lndg lndng lane ln lgt light lights lgts lf loaf
    lck lock lcks locks ldg ldge lodg lodge loop loops lp mall mnr manor manors mnrs
    meadow mdw mdws meadows medows mews mill ml mills mls missn mssn msn motorway mtwy
    mnt mt mount mntain mntn mountain mountin mtin mtn mntns mountains mtns nck neck nck
    orch orchard orchrd orch oval ovl overpass opas park prk parks parkway parkwy pkway
    pkwy pky parkways pkwys pass passage psge path paths pike pikes pne pine pines pnes
    pl place plain pln plains plns plaza plz plza point pt points pts port prt ports
    prts pr prairie prr rad radial radiel radl ramp ranch ranches rnch rnchs rapid rpd
    rapids rpds rest rst rdg rdge ridge ridges rdgs riv river rvr rivr rd road roads rds
    route rte row rue run shl shoal shls shoals shoar shore shr shoars shores shrs skyway
    skwy spg spng spring sprng spgs spngs springs sprngs spur spurs sq sqr sqre squ square
    sqrs squares sqs sta station statn stn stra strav straven stravenue stravn strvn
    strvnue stream streme strm street strt st str streets sts smt sumit sumitt summit
    ter terr terrace throughway trwy trace traces trce track tracks trak trk trks
    trafficway trfy trail trails trl trls trailer trlr trlrs tunel tunl tunls tunnel
    tunnels tunnl trnpk turnpike turnpk underpass upas un union unions uns valley vally
    vlly vly valleys vlys vdct via viadct viaduct view vw views vws vill villag village
    villg villiage vlg villages vlgs ville vl vis vist vista vst vsta walk walks wk wall
    wy way ways well wl wells wls
"""
#: Types of way: Spain's street directory (INE) and those of Mexico and South America.
_VIAS = """
    calle c avenida av avda paseo pº plaza pza plazuela ronda rambla travesía travesia
    pasaje psje pasadizo glorieta vía via vial camino carretera ctra callejón callejon
    costanilla cuesta bajada subida alameda urbanización urbanizacion sector polígono
    poligono bulevar boulevard blvd calzada privada cerrada andador circuito viaducto
    prolongación prolongacion continuación continuacion periférico periferico eje retorno
    corredor malecón malecon costera diagonal dg transversal tv carrera cr cra kr calleja
    senda autopista autovía autovia circunvalación circunvalacion pasillo vereda peatonal
    cl cll tr trans dig diag ak ac
"""
_SUFFIX = "|".join(sorted(set(_USPS.split()), key=len, reverse=True))
_VIA = "|".join(re.escape(w) for w in sorted(set(_VIAS.split()), key=len, reverse=True))

#: What says an address follows, in English: "we live at", "my address is", "ship it to".
_CUE_EN = (
    r"\b(?:(?:i|we|they|he|she)\s+(?:live|lived|stay|reside|moved)\s+(?:at|on|to)"
    r"|(?:i'm|im|i\s+am|we're|were|we\s+are)\s+(?:out\s+)?(?:at|on)"
    r"|address(?:'s|\s+is|\s+there\s+is|\s+on\s+file\s+is)?"
    r"|(?:send|ship|mail|deliver|bring|drop)\s+(?:\w+\s+){0,3}?to"
    r"|moved\s+to)\s*[:,]?\s*"
)
#: In Spanish: "vivo en", "mi dirección es", "el domicilio es", "mándelo a".
_CUE_ES = (
    r"\b(?:viv[oe]|vivimos|viven|vivía|vivia|resido|residimos)\s+en"
    r"|(?:estoy|estamos|está|esta|están|estan|queda|quedamos)\s+en"
    r"|direcci[oó]n(?:\s+es|\s+de\s+\w+\s+es)?|domicilio(?:\s+es)?"
    r"|(?:m[aá]nd|env[ií])\w*\s+(?:\w+\s+){0,3}?a"
)
_NAME_EN = r"(?:[A-Za-z][A-Za-z'.-]*\s+){1,3}"
_UNIT_EN = (
    r"(?:,?\s*(?:apt|apartment|unit|suite|ste|#|no|flat|studio|fl|floor|bldg|building|room|rm)"
    r"\.?\s*#?\s*\d+[A-Za-z]?\b)"
)
_ADDRESS_EN = re.compile(
    rf"(?:{_CUE_EN})(?P<a>(?:(?:flat|studio|apartment|apt|unit|suite)\s+\d+[A-Za-z]?,?\s+"
    rf"|\d{{1,6}}[A-Za-z]?,?\s+)(?:(?:north|south|east|west|n|s|e|w)\.?\s+)?"
    rf"{_NAME_EN}(?:{_SUFFIX})\b\.?(?:\s+(?:north|south|east|west|ne|nw|se|sw)\b)?{_UNIT_EN}*)",
    re.IGNORECASE,
)
_NUMBER_ES = (
    r"(?:(?:[nN][°ºo]\.?|[nN][uú]m(?:ero)?\.?|#)\s*)?"
    r"(?:\d{1,5}[A-Za-z]?(?:\s*-\s*\d{1,4}[A-Za-z]?)?|[sS]/[nN])"
)
#: "está en Juárez, a 5 minutos": a distance or a time, not a number of a house.
_NOT_HOUSE = (
    r"(?!\s*(?:minutos?|min|cuadras?|km|kil[oó]metros?|millas?|metros?|horas?|d[ií]as?|"
    r"semanas?|meses|años|anos|pesos|dólares|dolares|mil|por\s+ciento|%)\b)"
)
_AFTER_ES = (
    r"(?i:\s*,?\s*(?:(?:apt|apto|apartamento|int|interior|edif|edificio|depto|dpto|departamento|"
    r"puerta|pta|piso|local|casa|torre|bloque|esc|escalera|lote|manzana|mz)\.?\s*\d+[A-Za-z]?"
    r"|\d{1,2}\s*[ºª°]\s*(?:[A-Za-z]\b)?|este|oeste|norte|sur|bis"
    r"|(?:primero|segundo|tercero|cuarto|quinto|sexto|bajo)(?:\s+(?:izquierda|derecha|[a-d]))?"
    # Colombia's "# 26U-3" after "Avenida calle 129"; Mexico's interior number "358 952"
    # the corner: "Avenida Juárez 1120 esquina con Morelos"
    r"|esquina\s+(?:con\s+)?[A-Za-zÁÉÍÓÚÑáéíóúñü]{3,}"
    r"|#\s*\d{1,4}[a-z]?(?:\s*-\s*\d{1,4}[a-z]?)?|\d{1,4}(?![\d.,:/%])"
    rf"{_NOT_HOUSE}"
    r")\b\.?)*"
)
_NAME_ES = r"(?:(?:de|del|la|las|los|el|y)\s+|[\wÁÉÍÓÚÑáéíóúñü.'-]+,?\s+){1,6}?"
_ADDRESS_ES = re.compile(
    rf"(?:{_CUE_ES})\s*[:,]?\s*(?:(?:la|el)\s+)?(?P<a>(?:{_VIA})\.?\s+{_NAME_ES}"
    rf",?\s*{_NUMBER_ES}{_NOT_HOUSE}{_AFTER_ES})",
    re.IGNORECASE,
)
#: After a Spanish cue, a way without a type: capitalised words and a number.
_BARE_ES = re.compile(
    rf"(?i:{_CUE_ES})\s*[:,]?\s*(?P<a>(?:[A-ZÁÉÍÓÚÑ][\wáéíóúñü'-]*\s+(?:(?:de|del|la|los|las)\s+)?)"
    rf"{{1,4}}{_NUMBER_ES}{_NOT_HOUSE}{_AFTER_ES})"
)

#: Round 23 (test25, test38): after "live(s) at", a house number and one street word without
#: a type ("I live at sixty-one forty Delmar", "he lives at like three forty one south pine");
#: a cross street after it is `cross_street`'s. Not a distance or a count ("we live at 30
#: minutes from here": `address`'s words that are no street name), nor a word as common as
#: "different" or "other" ("they live at 20 different places").
_BARE_EN = re.compile(
    r"\b(?i:(?:i|we|they|he|she)\s+(?:live|lives|stay|stays)\s+at\s+(?:like\s+)?)"
    rf"(?P<a>\d{{2,6}}\s+(?i:(?:north|south|east|west)\s+)?(?P<street>{address.WORD}))"
    r"(?=\s|[,.]|$)"
)
_BARE_EN_ZIPF = 5.0

#: Without a cue, the shape must be a written one: "580 Parsons Gateway", "Rambla de Yésica
#: Porras 31": a house number (not a model year), capitalised name words, a capitalised type.
_TITLE_SUFFIX = "|".join(w.capitalize() for w in sorted(set(_USPS.split()), key=len, reverse=True))
_CAP = r"[A-ZÁÉÍÓÚÑ][\wáéíóúñü'\u2019-]*"
_TITLE_VIA = "|".join(
    re.escape(w.capitalize()) for w in sorted(set(_VIAS.split()), key=len, reverse=True)
)
_WRITTEN_EN = re.compile(
    rf"(?<![\w$.,#-])(?P<a>(?!(?:19|20)\d\d\b)\d{{1,6}}[A-Za-z]?\s+(?:(?:[NSEW]\.?|North|South|East|"
    rf"West)\s+)?(?:{_CAP}\s+){{1,3}}(?:{_TITLE_SUFFIX})\b\.?{_UNIT_EN}*)"
)
_WRITTEN_ES = re.compile(
    rf"\b(?P<a>(?:{_TITLE_VIA})\.?\s+(?:(?:de|del|la|las|los)\s+)*{_CAP}(?:\s+(?:(?:de|del|la|las|"
    rf"los|y)\s+)*{_CAP}){{0,3}},?\s*{_NUMBER_ES}{_NOT_HOUSE}{_AFTER_ES})"
)


def find(text: str) -> Iterator[Span]:
    """Spans of the view that are street addresses said after an address cue."""
    for pattern in (_ADDRESS_EN, _ADDRESS_ES, _BARE_ES, _BARE_EN):
        for match in pattern.finditer(text):
            if pattern is _BARE_ES and any(w.lower() in NOT_BARE for w in match.group("a").split()):
                continue  # "estamos en Tacoma 2020", "queda en Mazda 3": cars and places
            if pattern is _BARE_EN and frequency.zipf(match.group("street").lower(), "en") >= (
                _BARE_EN_ZIPF
            ):
                continue
            end = match.end("a")
            while end > match.start("a") and text[end - 1] in " ,.":
                end -= 1
            yield Span(match.start("a"), end, Kind.ADDRESS)


def find_written(text: str) -> Iterator[Span]:
    """Spans of the view that are street addresses in their written shape, without a cue.

    Not after a car's name ("Silverado 1500 LT Trail Boss") nor after "your service center"
    and the like (the dealership's own address): the checks of `address`.
    """
    theirs = address.THEIRS.search(text)
    for pattern in (_WRITTEN_EN, _WRITTEN_ES):
        for match in pattern.finditer(text):
            if any(w.lower() in NOT_BARE for w in match.group("a").split()[1:2]):
                continue
            if address.model_number(text, match.start("a")):
                continue
            if theirs is not None and theirs.end() <= match.start("a"):
                continue
            end = match.end("a")
            while end > match.start("a") and text[end - 1] in " ,.":
                end -= 1
            yield Span(match.start("a"), end, Kind.ADDRESS)
