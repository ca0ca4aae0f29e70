"""Spanish keyword rules: the objection and signal ids in Spanish showroom talk.

The patterns run on folded text (lower case, no accents: `language.fold`), so they match an
ASR's "esta muy caro" and a typed "está muy caro" alike. They cover Mexican, Caribbean,
Central/South American and Peninsular wording (troca/carro/coche/auto, mensualidad/cuota/letra,
enganche/entrada/inicial, agencia/concesionario/dealer). Developed on
`eval/data/understand_es.jsonl`; see docs/benchmarks.md for the test figure.
"""

from __future__ import annotations

import re

from contract.payloads import Objection, Signal

_CAR = r"(?:carro|coche|auto|troca|camioneta|usado|vehiculo|van|moto)"
_KIN = r"(?:espos[oa]|mujer|marido|senora|familia|pareja|novi[oa]|papa|mama|hij[oa]s?)"
_BRAND = (
    r"(?:honda|toyota|ford|chevy|chevrolet|tesla|kia|hyundai|subaru|mazda|nissan|carmax|carvana|"
    r"vw|volkswagen|bmw|audi|lexus|jeep|dodge|gmc|mitsubishi|rav ?4|cr-?v|tucson|civic|corolla|"
    r"camry|cx-?5|outback|tiguan|sportage|rogue|escape)"
)
_HIGH = (
    r"(?:alt[oa]s?|much[oa]|demasiad[oa]|car[oa]|exagerad[oa]|elevad[oa]|pesad[oa]|"
    r"por las nubes)"
)
#: What a customer calls the vehicle they want to drive: a body style, "el modelo" or a colour.
_DRIVEN = (
    r"(?:carro|coche|auto|troca|camioneta|vehiculo|van|sedan|suv|pickup|hibrido|electrico|"
    r"modelo|deportivo|convertible|rojo|roja|negro|negra|blanco|blanca|gris|azul|plateado)"
)
_DRIVE = r"(?:manejar|conducir|probar)"

RULES_ES: dict[Objection | Signal, tuple[str, ...]] = {
    Objection.PRICE: (
        r"\b(?:muy|demasiado|bien|super|tan|bastante|re|que|esta|es|sale) car[oa]s?\b",
        r"\bcarisim[oa]s?\b",
        r"\bprecio\b.{0,30}\b" + _HIGH,
        r"\b(?:fuera de|se (?:sale|pasa) del?|pasamos del?|excede|sobrepasa)\b.{0,12}"
        r"\b(?:presupuest\w*|alcance)\b",
        r"\bmucho mas de lo que\b.{0,30}\b(?:gastar|pagar|pensab|queria)",
        r"\bpor esa (?:plata|lana|feria|pasta|guita|cantidad)\b",
        r"\b(?:cuesta|sale|cobran) (?:demasiado|mucho|un ojo)\b",
        r"\bno (?:puedo|podemos) (?:con|pagar) (?:ese|este|el|tal) precio\b|"
        r"\b(?:ese|este) precio no (?:lo )?(?:puedo|podemos)\b",
    ),
    Objection.MONTHLY_PAYMENT: (
        r"\b(?:al|por|cada) mes\b.{0,30}\b(?:" + _HIGH + r"|no (?:puedo|podemos|alcanza|llego|"
        r"llegamos)|ni loco)",
        r"\b(?:mensualidad|cuota|letra|pagos? mensual(?:es)?|pago al mes|monthly payment)\b"
        r".{0,30}\b(?:" + _HIGH + r"|por debajo|menos de|se me sale|no me alcanza)",
        r"\bno (?:puedo|podemos|alcanzo|alcanzamos) (?:a )?pagar\b.{0,40}\b(?:al|por|cada) mes\b",
        r"\bno (?:puedo|podemos) pagar mas de\b.{0,30}\b(?:mes|mensual)",
        r"\b(?:mucho|demasiado) (?:al|por|cada) mes\b",
    ),
    Objection.FINANCING: (
        r"\bcredit[o]?\b|\bcredit score\b",
        r"\b(?:aprob\w*|rechaz\w*|califique|calificar|bancarrota|quiebra|historial|puntaje|itin|"
        r"seguro social|prestamo|nominas|autonomo|fiador|aval)\b",
    ),
    Objection.TRADE_IN: (
        r"\b(?:dan|dando|dar|ofrecen|ofrecieron|pagan|den) (?:\w+ ){0,3}por (?:mi|la|el) " + _CAR,
        r"\bmi " + _CAR + r"\b.{0,40}\b(?:vale|merece|valor|mas que eso)\b",
        r"\b(?:tasacion|avaluo|trade[\s-]?in|valor de mi|retoma|parte de pago)\b",
        r"\b(?:tan poco|muy poco|una miseria) por\b|\bpor mi " + _CAR + r"\b",
        r"\b(?:darian|daria|dieran|pagarian|ofrecerian|ofrecen|dan) por mi\b",
    ),
    Objection.THINK_IT_OVER: (
        r"\b(?:pensarlo|pensarmelo|me lo pienso|lo pensamos|tengo que pensar|"
        r"(?:voy|vamos) a pensar|lo (?:voy a|vamos a|tengo que|tenemos que) pensar)",
        r"\b(?:hablar|hablarlo|platicar|platicarlo|consultar|consultarlo|comentarlo|discutirlo|"
        r"lo hablo|lo hablamos|lo consulto|sentarme)\b.{0,25}\b(?:mi|la|el|con) " + _KIN,
        r"\bcon la almohada\b|\bno decido hoy\b|\bnecesito tiempo\b",
        r"\b(?:te|le) (?:aviso|avisamos|llamo|hablamos)\b",
        r"\b(?:mi|el|la) " + _KIN + r" (?:tiene que verlo|es (?:el|la) que decide)",
    ),
    Objection.COMPETITOR: (
        r"\b(?:otr[oa]|el de al lado) (?:concesionari[oa]|agencia|dealer|lote|lugar|"
        r"distribuidor|tienda)\b|\bdealer de al lado\b",
        r"(?<!\bmi )\b" + _BRAND + r"\b",
        r"\b(?:comparando|comparar|cotizacion)\b|\b(?:estoy|estamos) entre (?:este|esta)\b",
    ),
    Objection.TIMING: (
        r"\b(?:solo|solamente|nomas|na mas|nada mas|no mas)\b.{0,15}\b(?:mirando|viendo|a ver|"
        r"a mirar|curioseando|chequeando)\b",
        r"\b(?:echando un vistazo|curioseando|explorando opciones|just looking|con tiempo)\b",
        r"\b(?:el ano que viene|el proximo ano|en unos meses|en primavera|en verano|mas adelante|"
        r"no (?:es|era) el momento|no hay prisa|sin prisa|sin apuro|no estamos listos|"
        r"ahorita no|por ahora no)\b",
        r"\bno (?:vamos|pensamos|voy|pienso) a comprar\b|\bno pensamos comprar\b|"
        r"\bno compro nada\b",
    ),
    Objection.VEHICLE_FIT: (
        r"\bno (?:caben?|entran?|quepan?|jala|remolca|aguanta|tiene traccion)\b",
        r"\b(?:cajuela|maletero|baul|cajuela|tercera fila|espacio)\b.{0,25}"
        r"\b(?:chic|chiquit|pequen|corto|no |necesito)",
        r"\bnecesit\w* (?:siete|ocho|7|8|mas) (?:asientos|plazas|pasajeros|lugares)\b",
        r"\bnecesito (?:tercera fila|mas espacio|traccion|cuatro por cuatro|4x4)",
        r"\b(?:muy|demasiado) (?:chic[oa]|pequen[oa]|bajit[oa]|larg[oa]|apretad[oa]|ruidos[oa]|"
        r"incomod[oa]|dur[oa])\b",
        r"\b(?:gasta|consume) mucha?\b|\bautonomia\b|\bno me sirve\b|\bcon mi espalda\b",
        r"\btrunk is too small\b",
    ),
    Objection.TRUST: (
        r"\bpresion\w*|\bme (?:estan |esta )?apurando\b|\bque me apuren\b",
        r"\b(?:cargos?|cobros?|tarifas?) (?:extra|adicional\w*|ocult\w*|de documentacion)",
        r"\b(?:por que|me quieren|me van a) cobrar?\b|\bpor que me cobran\b",
        r"\b(?:engano|estaf\w*|fraude|trampa|scam|letra (?:pequena|chiquita)|gato encerrado|"
        r"no confio|no me fio|desconf\w*|sorpresas|otra cosa por telefono|cambiando los numeros|"
        r"por escrito)\b",
    ),
    Signal.TEST_DRIVE: (
        r"\b(?:manejar|conducir)(?:lo|la)\b|\bprob(?:ar|arlo|arla)\b|\blo puedo manejar\b",
        r"\b(?:prueba de (?:manejo|conduccion)|test drive|dar(?:le)? una vuelt\w*|dar un rol|"
        r"sacar(?:lo|la)? (?:a dar|un rat\w*))\b",
        r"\bcomo se siente en la (?:autopista|carretera)\b",
        r"\b" + _DRIVE + r" (?:el|la|ese|esa|este|esta|un|una)(?: \w+)? " + _DRIVEN + r"\b",
        r"\b(?:quiero|quisiera|me gustaria|podemos|puedo|podria|salir a|subirme y|subirme a)"
        r" (?:a )?" + _DRIVE + r"\b",
    ),
    Signal.AVAILABILITY: (
        r"\b(?:lo|la|los|las) tienen en\b|\btodavia (?:lo|la) tienen\b",
        r"\btienen (?:uno|una|alguno|alguna|la|el|stock)\b(?! promocion| oferta| descuento)",
        r"\b(?:hay|les queda|quedan?) (?:alguno|alguna|uno|una|unidades)\b",
        r"\b(?:en existencia|en stock|disponibles?|en inventario|en el lote|do you have)\b",
        r"\btienen (?:este|ese|esta|esa) (?:modelo|carro|coche|auto|camioneta|troca|version)\b",
    ),
    Signal.PAYMENT_QUESTION: (
        r"\bcuanto (?:seria|serian|es|son|sale|saldria|quedaria|quedarian|pagaria|tengo que dar|"
        r"me tocaria)\b.{0,40}\b(?:mensualidad|mes|pagos?|enganche|entrada|inicial|cuota|"
        r"leasing|lease|interes|tasa|down payment)",
        r"\bcuanto\b.{0,30}\b(?:de )?(?:enganche|entrada|inicial|down payment)\b",
        r"\b(?:de cuanto|a cuantos meses|que tasa|que cuota|que interes|tasa de interes|"
        r"cero por ciento|financiamiento|leasing)\b",
    ),
    Signal.WHAT_WOULD_IT_TAKE: (
        r"\b(?:su|tu|el) mejor (?:precio|numero|oferta)\b|\bbest price\b",
        r"\blo (?:menos|ultimo|minimo)\b.{0,20}(?:puede|es|da)?",
        r"\bme lo (?:puede|puedes|pueden) dejar\b",
        r"\bsi (?:me|usted|tu) \w+.{0,60}\b(?:me lo llevo|firm\w*|trato hecho|cerramos|"
        r"nos lo llevamos)\b",
        r"\b(?:trato hecho|cerramos|cerrar el trato|firmamos|le firmo)\b",
        r"\b(?:bajele|bajale|rebaja|rebajar|descuento|hagame un precio|hazme un precio|"
        r"que tengo que hacer para|iguala\w*)\b",
    ),
    Signal.DELIVERY: (
        r"\bcuando (?:me|nos) (?:lo|la) (?:puedo|podemos|pueden|entregan|llevo|van|dan|tienen)\b",
        r"\bentreg\w*|\bque tan pronto\b|\bcuanto tarda\w*|\bpara cuando\b|\blisto para\b",
        r"\btener(?:lo|la)? listo\b|\bestaria listo\b|\bsalir manejandol\w*|\bme lo llevo hoy\b",
        r"\bllevar a la casa\b|\bllega si lo pido\b|\ben cuantas semanas\b|\bmatriculad\w*",
        r"\bnecesito el (?:carro|coche|auto) (?:antes|para)\b",
        r"\b(?:me|nos) (?:lo|la) (?:puedo|podemos) llevar (?:hoy|manana|ya|esta semana)\b",
    ),
}

_COMPILED = {label: tuple(re.compile(p) for p in patterns) for label, patterns in RULES_ES.items()}


def matching_es(folded: str) -> set[Objection | Signal]:
    """Every class whose Spanish rule matches `folded` (text passed through `fold`)."""
    return {
        label for label, patterns in _COMPILED.items() if any(p.search(folded) for p in patterns)
    }
