"""The tagger's context features: cue words near a token, runs of numbers, folded forms.

The CRF sees its neighbours' words two tokens away; a detail is often further from the word
that announces it ("mi correo es juan punto pérez arroba ...", "a nombre de mi viejo, Horacio
Menéndez"), and each announcing word is rare in the training files. So a token is also told
the class of a cue within `REACH_BEFORE` tokens before it or `REACH_AFTER` after it (in the same
sentence), whatever the cue's words: a name, a contact, an address, an id or a birth date.

Numbers said in words are runs ("trescientos diez, cuatro cinco siete, ochenta y ocho"): a
token of a run is told the run's length in pieces ("y" between two number words joins them) and
whether the run has a word of an amount ("mil", "thousand"), which a phone has not.

Accents fold ("cédula" → "cedula", "Núñez" → "nunez"): speech-to-text and writers drop them.
"""

from __future__ import annotations

import unicodedata

from edge.privacy.vocab import words

#: Cue phrases by class, in folded lower case, each a run of tokens ("a nombre de").
CUES: dict[str, tuple[str, ...]] = {
    "name": (
        "me llamo",
        "mi nombre",
        "a nombre de",
        "nombre",
        "habla",
        "soy",
        "se llama",
        "senora",
        "senor",
        "sra",
        "sr",
        "don",
        "dona",
        "licenciado",
        "licenciada",
        "lic",
        "ingeniero",
        "doctor",
        "doctora",
        "apellido",
        "apellidos",
        "dile a",
        "pregunta por",
        "preguntar por",
        "se escribe",
        "my name",
        "name",
        "this is",
        "i ' m",
        "im",
        "call me",
        "mr",
        "mrs",
        "ms",
        "miss",
        "last name",
        "ask for",
        "spelled",
        "spell",
    ),
    "contact": (
        "correo",
        "email",
        "mail",
        "arroba",
        "@",
        "telefono",
        "tel",
        "celular",
        "cel",
        "movil",
        "whatsapp",
        "numero",
        "fijo",
        "marcar",
        "marque",
        "phone",
        "number",
        "cell",
        "reach me",
        "text me",
    ),
    "address": (
        "calle",
        "avenida",
        "av",
        "colonia",
        "col",
        "domicilio",
        "direccion",
        "vivo en",
        "vivimos en",
        "esquina",
        "codigo postal",
        "cp",
        "fraccionamiento",
        "fracc",
        "privada",
        "boulevard",
        "bulevar",
        "blvd",
        "carrera",
        "carretera",
        "manzana",
        "lote",
        "depto",
        "departamento",
        "apartamento",
        "piso",
        "barrio",
        "urbanizacion",
        "pasaje",
        "jiron",
        "street",
        "avenue",
        "road",
        "drive",
        "lane",
        "apt",
        "apartment",
        "suite",
        "zip",
        "address",
        "i live",
        "we live",
    ),
    "id": (
        "cedula",
        "curp",
        "rfc",
        "ine",
        "licencia",
        "pasaporte",
        "placa",
        "placas",
        "patente",
        "matricula",
        "tablilla",
        "serie",
        "vin",
        "cuenta",
        "tarjeta",
        "clabe",
        "iban",
        "cbu",
        "rut",
        "nss",
        "seguro social",
        "dni",
        "nie",
        "nif",
        "ssn",
        "social",
        "license",
        "passport",
        "plate",
        "plates",
        "account",
        "card",
        "routing",
    ),
    "dob": (
        "naci",
        "nacimiento",
        "cumpleanos",
        "born",
        "birthday",
        "birth",
        "dob",
    ),
}
#: How many tokens after a cue (before it) a token is told of it.
REACH_BEFORE = 4
REACH_AFTER = 3
_STOPS = frozenset(".?!¿¡;")
#: What joins two number words into one run: "cincuenta y cinco", "forty-two", and the
#: commas between the groups of a number read out ("trescientos diez, cuatro cinco siete").
_NUMBER_JOIN = frozenset(("y", "and", "-", ","))
#: Words of an amount: a run with one is a price or a mileage, not an id read out (hundreds
#: are not: a Spanish phone is read "trescientos diez, ...").
AMOUNT = words("thousand million grand mil millon millones")
#: Number words that `tagger.NUMBER_WORDS` lacks (folded): its own `num` feature is theirs too.
MORE_NUMBERS = words(
    """veintitres veinticuatro veinticinco veintiseis veintisiete veintiocho veintinueve
    doble triple"""
)
_BY_FIRST: dict[str, list[tuple[tuple[str, ...], str]]] = {}
for _kind, _phrases in CUES.items():
    for _phrase in _phrases:
        _parts = tuple(_phrase.split())
        _BY_FIRST.setdefault(_parts[0], []).append((_parts, _kind))


def fold(word: str) -> str:
    """Lower case without accents ("Núñez" → "nunez"; "ñ" folds to "n")."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def cue_features(folded: list[str]) -> list[list[str]]:
    """Each token's cue classes: `cue=K` on a cue's words, `c<K` after one, `c>K` before one."""
    out: list[list[str]] = [[] for _ in folded]
    for i, word in enumerate(folded):
        for parts, kind in _BY_FIRST.get(word, ()):
            end = i + len(parts)
            if tuple(folded[i:end]) != parts:
                continue
            for j in range(i, end):
                out[j].append(f"cue={kind}")
            for j in range(end, min(len(folded), end + REACH_BEFORE)):
                if folded[j] in _STOPS:
                    break
                out[j].append(f"c<{kind}")
            for j in range(i - 1, max(-1, i - 1 - REACH_AFTER), -1):
                if folded[j] in _STOPS:
                    break
                out[j].append(f"c>{kind}")
    return [sorted(set(feats)) for feats in out]


def number_runs(folded: list[str], numeric: list[bool]) -> list[list[str]]:
    """Each token's run of numbers: `nrun=N` (pieces, 7 or more as 7) and `namt` (an amount).

    A joining word or comma (`_NUMBER_JOIN`) between two numeric tokens is part of their run.
    """
    out: list[list[str]] = [[] for _ in folded]
    i = 0
    while i < len(folded):
        if not numeric[i]:
            i += 1
            continue
        end = i + 1
        while end < len(folded) and (
            numeric[end]
            or (folded[end] in _NUMBER_JOIN and end + 1 < len(folded) and numeric[end + 1])
        ):
            end += 1
        pieces = sum(numeric[i:end])
        feats = [f"nrun={min(pieces, 7)}"]
        if any(w in AMOUNT for w in folded[i:end]):
            feats.append("namt")
        for j in range(i, end):
            out[j] = feats
        i = end
    return out
