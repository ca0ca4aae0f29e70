"""Where a word is a place by its context, for the name finders (issue 18, round 9).

"we came up from corpus christi", "moving to calgary", "ship it to halifax", "the dealership
on nolana", "la agencia en periférico": the word after these names a town, a street or a
store, not a person. A place cue right before a word ("from", "de", "en") is the finders' own
rule; this adds three contexts further back:

- the second word of a two-word place after a place cue, when the first is an everyday word
  and no first name ("from corpus christi"; not "a call from rachel green");
- "to" after a verb of moving or sending ("moving to", "ship it to", "drove down to");
- "on"/"en"/"off" after a business's place ("the dealership on", "la agencia en");
- "del"/"al" after a word of where ("enfrente del Oxxo", "al lado del Soriana").
"""

from __future__ import annotations

from collections.abc import Callable

from edge.privacy.vocab import words

#: Words before a place's name ("from", "de", "en"): shared with the finders.
PLACE_CUE = words("in en de from desde near cerca at hacia sucursal")
#: Verbs of moving or shipping, before "to" + a place. Not those that hand a thing to a person
#: ("deliver it to", "go to jenny for financing", "hand it over to", "it's up to", "back to").
MOTION = words("""move moving moved relocate relocating relocated ship shipping shipped
    drive driving drove fly flying flew head heading headed come coming came down trip way""")
#: Spanish verbs of going, before "a" + a place ("vamos a Guadalupe", "me mudé a Monterrey").
MOTION_ES = words("""voy vas va vamos van fui fue fuimos fueron ir vine vino vinimos vinieron
    llegamos llegué llegue llegó llego mudamos mudé mude mudó mudo mudaron regresamos regresé
    regrese viajamos viajé viaje manejamos manejé""")
#: "ship it to", "drive them to": the thing moved between the verb and "to".
_OBJECT = words("it them this")
#: A business's place before "on"/"en": what follows is its street or area.
BUSINESS = words("""dealership dealer store shop lot office location branch showroom agencia
    sucursal tienda concesionario concesionaria taller lote""")
#: Words of where, before "del"/"al" + a landmark: "enfrente del Oxxo", "al lado del Walmart".
LANDMARK = words("enfrente frente lado cerca atrás atras detrás detras junto esquina pasando")
#: Articles, possessives, prepositions: "de la Fuente", "in my truck", "came in with Sol" are
#: no two-word place.
_GLUE = words("""the a an la el los las lo un una my mi su sus his her our their your this that
    with for to and or of on by about con para por y o que del al sin sobre""")
#: At least this Zipf (either language) makes the first of two words an everyday word.
WORD_ZIPF = 3.0


def placed(
    lowered: list[str], index: int, first_name: Callable[[str], bool], zipf: Callable[[str], float]
) -> bool:
    """Whether `lowered[index]` is a place by the (up to three) words before it.

    `first_name` says whether a word is a listed first name; `zipf` a word's higher Zipf
    frequency of English and Spanish.
    """
    before = lowered[index - 1] if index else ""
    further = lowered[index - 2] if index > 1 else ""
    third = lowered[index - 3] if index > 2 else ""
    if before == "to" and (further in MOTION or (further in _OBJECT and third in MOTION)):
        return True  # "moving to calgary", "ship it to halifax"
    if before == "a" and further in MOTION_ES:
        return True  # "mañana vamos a Guadalupe" (a person is "vamos con", "ver a")
    if before in ("on", "en", "off") and further in BUSINESS:
        return True
    if before in ("del", "al") and further in LANDMARK:
        return True
    return (
        further in PLACE_CUE
        and before not in PLACE_CUE
        and before not in _GLUE
        and not first_name(before)
        and zipf(before) >= WORD_ZIPF
        and len(before) > 2
    )
