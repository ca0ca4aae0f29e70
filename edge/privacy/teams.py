"""Sports teams said by their plural nickname alone, vetoed after the join (round 22).

Round 20's `firms._team` needs a fan's word ("a Cowboys hat", "es fan de Ford"). The retired
files also say a team bare: "The Hawkeyes beat Nebraska again" (test31), "¿Leones del Escogido
o Tigres del Licey?" (es_test31), "My husband's a Texans fan, I'm Cowboys" (test34). A name span
all of whose words are a team's plural nickname (`NICKNAMES`), with "del"/"de" and a capital
word after it when it is a Spanish one ("Tigres del Licey"), is no person.

`NICKNAMES` is a closed list: the plural nicknames of the NFL, MLB and NBA teams, of the Big
Ten, SEC, Big 12 and ACC football teams, and of the Liga MX and Dominican baseball teams, from
the leagues' own team lists (my reading, not the data), and round 25 the NHL's (the Bruins and
the Maple Leafs taken for names in test47, with the MLB's Cardinals in test36: sports teams in
two more authors; the NHL's own team list), without the few that are a common
first name or surname as said ("Browns", "Cardinals", "Kings", "Jazz", "Hawks", "Bucks",
"Angels"). Some left are surnames in the world lists ("Eagles", "Rangers"): after a title
("Mr. Rangers", "señora Leones") the span stays a name.
"""

from __future__ import annotations

import re

from edge.privacy.spans import Kind, Span
from edge.privacy.vocab import words

NICKNAMES = words(
    """cowboys texans eagles steelers packers bears vikings lions saints falcons buccaneers
    bucs panthers seahawks 49ers niners chiefs raiders chargers broncos patriots jets giants
    dolphins bills ravens bengals titans colts jaguars commanders
    yankees mets dodgers astros rangers mariners padres rockies diamondbacks cubs brewers pirates
    phillies nationals marlins braves orioles rays guardians tigers twins royals athletics
    lakers clippers warriors celtics knicks nets bulls heat mavericks mavs rockets spurs suns
    nuggets thunder grizzlies pelicans hornets pistons cavaliers cavs pacers
    raptors sixers timberwolves wolves
    hawkeyes buckeyes wolverines spartans huskers cornhuskers badgers hoosiers boilermakers
    gophers longhorns aggies sooners bulldogs gators volunteers vols
    razorbacks gamecocks wildcats jayhawks mountaineers seminoles hurricanes hokies
    cougars utes
    bruins leafs canadiens habs senators sabres lightning blackhawks predators oilers flames
    canucks kraken sharks ducks islanders flyers penguins capitals devils avalanche coyotes
    tigres rayados pumas chivas águilas aguilas leones diablos tuzos xolos gallos licey
    escogido estrellas toros gigantes"""
)
#: Round 25: nicknames of two words whose first is a word or a name alone ("the Maple Leafs",
#: "the Red Wings"): its first word taken alone is the team's too.
_TWO_WORDS = re.compile(
    r"(?:maple\s+leafs|red\s+wings|golden\s+knights|blue\s+jackets|red\s+sox|white\s+sox|"
    r"blue\s+jays)\b",
    re.IGNORECASE,
)
_PARTICLES = words("the del de los las o y or and")
_TITLE = re.compile(
    r"\b(?:mr|mrs|ms|miss|dr|señor|señora|señorita|sr|sra|srta|don|doña)\.?\s+$", re.IGNORECASE
)
_WORD = re.compile(r"[^\W\d_]+")


def _team(text: str, span: Span) -> bool:
    """Whether every word of `span` but a particle is a team's nickname ("Tigres del Licey")."""
    said = [w.lower() for w in _WORD.findall(text, span.start, span.end)]
    said = [w for w in said if w not in _PARTICLES]
    if _TITLE.search(text, max(0, span.start - 12), span.start):
        return False
    if any(
        m.start() <= span.start and span.end <= m.end()
        for m in _TWO_WORDS.finditer(text, max(0, span.start - 8), span.end + 14)
    ):
        return True
    return bool(said) and all(w in NICKNAMES for w in said)


def drop(text: str, spans: list[Span]) -> list[Span]:
    """`spans` without the name spans that are a team's nickname."""
    return [s for s in spans if s.kind is not Kind.NAME or not _team(text, s)]
