"""Words that look like names in the census lists but, in a showroom, mostly are not.

Car makes, models and trims ("kia", "mercedes", "sierra", "ranger"), places a dealership talks
about ("dallas", "santa monica"), and first names that are everyday words not already in
`names.AMBIGUOUS` ("miles", "max", "nick"). A name said without any cue must not be one of
these; with a strong cue ("my wife ...", "mister ...") it may.
"""

from __future__ import annotations


def words(text: str) -> frozenset[str]:
    """The set of the whitespace-separated words of `text`."""
    return frozenset(text.split())


_CARS = """
    ram ford dodge chrysler gmc volkswagen vw jeep kia mercedes benz lincoln cadillac buick
    chevy chevrolet tesla lexus
    acura audi bmw mazda subaru honda toyota nissan hyundai volvo jaguar rover land mini cooper
    fiat genesis infiniti porsche ferrari lamborghini bentley royce rolls aston martin lotus
    mclaren maserati alfa romeo polestar rivian lucid scion saturn pontiac mercury saab isuzu
    suzuki mitsubishi camry corolla avalon sienna sequoia tundra tacoma highlander venza prius
    supra yaris celica matrix accord civic pilot passport odyssey ridgeline insight fit element
    prelude elantra sonata tucson santa kona palisade venue ioniq veloster azera forte optima
    soul seltos sportage sorento telluride carnival niro stinger rio cadenza jetta passat golf
    tiguan atlas taos arteon beetle outback forester crosstrek ascent legacy impreza miata
    mustang bronco explorer expedition escape edge ranger maverick fusion focus fiesta taurus
    lightning silverado colorado equinox traverse blazer trax trailblazer suburban tahoe malibu
    camaro corvette bolt cruze cruz impala durango charger challenger dart neon viper pacifica
    voyager aviator navigator corsair nautilus enclave encore envision envista lacrosse regal
    lucerne escalade lyriq rogue murano maxima altima sentra versa kicks frontier titan armada
    pathfinder leaf ariya juke quest cayenne macan taycan panamera carrera boxster cayman giulia
    stelvio ghibli levante countryman clubman defender discovery evoque velar range ghost
    phantom cullinan wraith dawn urus huracan vantage integra wrangler gladiator cherokee
    compass renegade wagoneer patriot journey sierra yukon acadia terrain denali savana canyon
    hummer laramie lariat limited sport touring platinum sahara rubicon trailhawk dakota nova
    calais eclipse galant lancer mirage outlander magnum spark sonic volt aveo montana aspen
    tribute harley sterling byd vinfast geely chery dolphin seal atto oldsmobile plymouth
    swift vitara jimny ertiga ibiza leon arona ateca seat cupra skoda octavia fabia peugeot
    renault clio megane duster logan sandero kwid opel corsa astra onix sail tornado aveo
    caravan transit promaster sprinter metris gla glb glc gle gls cla cls amg
    tsuru tiida march vento polo gol saveiro amarok hilux fortuner rush avanza innova mg zs
    haval jetour omoda chirey baic jac tata mahindra maruti e-tron sel
    """
_PLACES = """
    dallas austin houston orlando cleveland savannah sydney georgia virginia carolina india
    asia roma valencia trinidad aurora phoenix denver paris brooklyn lafayette columbus
    arlington irving sherman
    """
_EVERYDAY = """
    miles max nick pat sue don ed al rob rod hal cliff clay kay jan roman heath grover brady gus
    bart mickey amos moses alta lou eve fay rae mai mari chong yong jung lan lia una dee tia
    terra lacy luz jo ina nan dina madonna venus ali ty wiley bobbie ollie basil rex rudy major
    faith hope joy may sandy page lane will bill art chase drew kelly kelley walker porter
    hunter carter parker foster booker freeman dick dong hung sang chang milan raleigh sal mel
    hilton del von les gil herb ike stanford newton merlin valentine whitney min hang hue kit
    peg gala eden luna dell macy kirby aide tory han wan lang sung ming chan chi shin magnolia
    palma santos silva buena starr isis pandora santana roxy karma viva genie mana nana hollis
    nada blanca dan chiquita ella verla
    """
_NOT_NAMES = """
    numbers america paris venice nevada maryland argentina burma karma tequila irish cinderella
    france florida india asia china georgia virginia carolina dakota montana arizona indiana
    alabama alaska texas kansas utah ohio oregon vermont wyoming idaho iowa maine tennessee
    kentucky louisiana missouri nebraska california colorado washington delaware hawaii
    """
_COMMON_WORDS = """
    blue red white black brown green gray grey silver gold orange book price car cars cash
    miles day days week weeks month street hill wood stone long young little best good new old
    rich bell cook ward king power sales money bank case law lease loan deal trade service
    test drive driver rate pay payment title dealer front desk finance office manager floor
    lot key keys back side top low high fast early late hard strong sharp small short tall
    call phone number card check paper work house home land field park lake wells banks
    english french german spanish friend family father mother brother sister son daughter
    wife husband out said says told asked thinks wants needs spelled spelt different same
    misspelled listed printed written dash learner
    """
#: Spanish function words that are also census or world surnames ("la", "ya", "de").
SPANISH_FUNCTION = words(
    "la las el los lo le les ya yo no se de del en un una ni si mi tu su y o que con por para"
)
CARS = words(_CARS)
#: Census surnames that are everyday words: not taken as the second half of a name.
COMMON_WORDS = words(_COMMON_WORDS)
#: Census "first names" that are places or words: never names, whatever the cue.
NOT_NAMES = words(_NOT_NAMES)
#: Not names when said without a cue (the car and place words, and everyday words).
NOT_BARE = CARS | words(_PLACES) | words(_EVERYDAY)
#: Words just before a name-like word that make it a place ("santa monica", "fort worth").
PLACE_BEFORE = words(
    "san santa santo st saint fort port puerto ciudad mount mt lake el los las la new north south "
    "east west "
    "upper lower downtown"
)
#: Words just after a name-like word that make it a place or a street ("jackson street").
PLACE_AFTER = words(
    "street st avenue ave road rd boulevard blvd drive dr lane ln court ct way place pl "
    "parkway pkwy highway hwy county city beach heights park hills valley springs falls "
    "island bay creek river center mall plaza square trail circle terrace station airport "
    "grove ridge loop alley pike crescent "
    "motors auto automotive dealership store location branch showroom honda toyota ford chevy "
    "nissan kia hyundai"
)


def acronym(word: str) -> bool:
    """Whether `word` is three or more capitals, an acronym ("IVA", "APR"), not a name.

    An ASR or a typist writes a name with one capital; a nickname of capitals is short and
    asked for ("everyone calls me JB").
    """
    return len(word) >= 3 and word.isalpha() and word.isupper()
