"""PLOVER type + mode -> CAMEO root code ("01".."20"), for users who count events the GDELT way.

PLOVER's ``CAMEO2PLOVER-2021.txt`` maps every CAMEO code to a PLOVER type and mode; this is the
reverse direction, which is many-to-one and so needs a choice per pair (docs/events.md lists it):

- each type has one default root: AGREE 03, CONSULT 04, SUPPORT 05, COOPERATE 06, AID 07,
  CONCEDE 08, RETREAT 08, REQUEST 10, ACCUSE 11, REJECT 12, THREATEN 13, PROTEST 14, SANCTION 16,
  MOBILIZE 15, COERCE 17, ASSAULT 19 (conventional force) or 18 (unconventional: no state forces);
- a mode overrides it where CAMEO splits the PLOVER type across roots: ACCUSE/investigate 09
  (CAMEO 09 INVESTIGATE), SANCTION/convict 11 (CAMEO 116 "find guilty"), ASSAULT with small arms,
  heavy weapons, aircraft or drones 19, with bombs, abduction, beating, torture, sexual violence,
  assassination or primitive weapons 18, with weapons of mass destruction 20, destroying property
  17 (CAMEO 1712), crowd-control violence 17 (CAMEO 175);
- a trigger may carry its own root (the lexicon's ``@NN``): appeals ("urged", "called on") are
  CAMEO 02 APPEAL rather than 10 DEMAND; occupying and blockading territory is CAMEO 19 (191, 192);
  massacres are 20; apologies 05 (055).
"""

from __future__ import annotations

TYPE_ROOT: dict[str, str] = {
    "AGREE": "03",
    "CONSULT": "04",
    "SUPPORT": "05",
    "COOPERATE": "06",
    "AID": "07",
    "CONCEDE": "08",
    "RETREAT": "08",
    "REQUEST": "10",
    "ACCUSE": "11",
    "REJECT": "12",
    "THREATEN": "13",
    "PROTEST": "14",
    "MOBILIZE": "15",
    "SANCTION": "16",
    "COERCE": "17",
    "ASSAULT": "19",
}

MODE_ROOT: dict[tuple[str, str], str] = {
    ("ACCUSE", "investigate"): "09",
    ("SANCTION", "convict"): "11",
    ("ASSAULT", "firearms"): "19",
    ("ASSAULT", "heavy-weapons"): "19",
    ("ASSAULT", "aerial"): "19",
    ("ASSAULT", "drone"): "19",
    ("ASSAULT", "unconventional"): "20",
    ("ASSAULT", "destroy"): "17",
    ("ASSAULT", "crowd-control"): "17",
    ("ASSAULT", "abduct"): "18",
    ("ASSAULT", "beat"): "18",
    ("ASSAULT", "torture"): "18",
    ("ASSAULT", "sexual"): "18",
    ("ASSAULT", "targeted"): "18",
    ("ASSAULT", "primitive"): "18",
    ("ASSAULT", "explosives"): "18",
    ("ASSAULT", "suicide-attack"): "18",
}

# Sectors of organised state force: their unspecified violence is CAMEO 19 (conventional), anyone else's 18.
STATE_FORCE_SECTORS = frozenset({"MIL", "GOV"})


def cameo_root(type_: str, mode: str | None, override: str | None = None, source_sector: str | None = None) -> str:
    """The CAMEO root code of a PLOVER event (see the module docstring for the choices)."""
    if override:
        return override
    if mode and (type_, mode) in MODE_ROOT:
        return MODE_ROOT[(type_, mode)]
    if type_ == "ASSAULT" and source_sector is not None and source_sector not in STATE_FORCE_SECTORS:
        return "18"
    return TYPE_ROOT[type_]
