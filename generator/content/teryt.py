"""TERYT (TERC) codes: structure and agreement with the type of local government."""
from __future__ import annotations

VOIVODESHIPS: dict[str, str] = {
    "02": "dolnośląskie", "04": "kujawsko-pomorskie", "06": "lubelskie", "08": "lubuskie",
    "10": "łódzkie", "12": "małopolskie", "14": "mazowieckie", "16": "opolskie",
    "18": "podkarpackie", "20": "podlaskie", "22": "pomorskie", "24": "śląskie",
    "26": "świętokrzyskie", "28": "warmińsko-mazurskie", "30": "wielkopolskie", "32": "zachodniopomorskie",
}
GMINA_KINDS = {"1": "gmina miejska", "2": "gmina wiejska", "3": "gmina miejsko-wiejska"}
NOT_SELF_GOVERNING = {
    "4": "miasto w gminie miejsko-wiejskiej", "5": "obszar wiejski w gminie miejsko-wiejskiej",
    "8": "dzielnica m.st. Warszawy", "9": "delegatura miasta",
}
CITY_POWIAT_FROM = 61
JST_TYPES = ("gmina miejska", "gmina wiejska", "gmina miejsko-wiejska", "miasto na prawach powiatu", "powiat", "województwo")


def structure_problem(code: str) -> str | None:
    """Why a code is not a well-formed TERC code of a local government, or None."""
    if code[:2] not in VOIVODESHIPS:
        return f"kod województwa „{code[:2]}” nie istnieje (województwa mają kody parzyste 02–32)"
    if len(code) >= 4 and code[2:4] == "00":
        return "kod powiatu „00” nie istnieje"
    if len(code) == 7:
        if code[4:6] == "00":
            return "kod gminy „00” nie istnieje"
        kind = code[6]
        if kind in NOT_SELF_GOVERNING:
            return f"cyfra rodzaju {kind} oznacza jednostkę, która nie jest samorządem ({NOT_SELF_GOVERNING[kind]}); samorząd ma cyfrę 1, 2 albo 3"
        if kind not in GMINA_KINDS:
            return f"cyfra rodzaju {kind} nie istnieje w rejestrze TERC (samorządy gminne mają 1, 2 albo 3)"
    return None


def expected_type(code: str) -> str:
    """The type of local government a well-formed code denotes."""
    if len(code) == 2:
        return "województwo"
    powiat = int(code[2:4])
    if len(code) == 4:
        return "miasto na prawach powiatu" if powiat >= CITY_POWIAT_FROM else "powiat"
    if powiat >= CITY_POWIAT_FROM:
        return "miasto na prawach powiatu"
    return GMINA_KINDS[code[6]]


def type_problem(code: str, declared: str) -> str | None:
    """Why a well-formed code disagrees with the declared type, or None."""
    if len(code) == 4 and int(code[2:4]) >= CITY_POWIAT_FROM:
        return f"kod „{code}” ma 4 cyfry i numer powiatu {code[2:4]} (miasto na prawach powiatu): podaj pełny 7-cyfrowy kod gminy, np. „{code}011”"
    expected = expected_type(code)
    if expected == declared:
        return None
    return f"kod „{code}” oznacza rodzaj „{expected}”, a w polu type podano „{declared}”; popraw rodzaj albo kod"
