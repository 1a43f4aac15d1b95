"""A small client of the GUS Local Data Bank API (BDL API v1): JSON over HTTPS, paging, rate limits.

Response shapes used here, as documented by the API's Swagger model (client generated from it:
github.com/Wkryst/gus-bdl-client, docs/SingleVariableData.md, UnitData.md, YearValue.md,
PageLinks.md, Attribute.md, VariableDetails.md) and seen in recorded responses
(github.com/AN0DA/pyBDL, tests/integration/access/samples/raw/samples_raw_data.json):

- GET /data/by-variable/{var-id}?unit-level=&year=&page=&page-size= →
  {"totalRecords": n, "page": p, "pageSize": s, "links": {"self", "next", …},
   "variableId", "measureUnitId", "results": [{"id": "<12 digits>", "name": …,
   "values": [{"year": "2020", "val": 123.4, "attrId": 1}]}]}
- GET /variables/{id} → {"id", "subjectId", "n1"…"n5", "level", "measureUnitId", "measureUnitName", "years"}
- GET /subjects/{id} → {"id", "name", …}
- GET /attributes → {"totalRecords", "results": [{"id", "name", "symbol", "description"}]}

Limits (api.stat.gov.pl/Home/BdlApi): anonymous 5 requests/s, 100/15 min …; a personal key in the
X-ClientId header raises them. A 429 answer is retried after its Retry-After header.
"""
from __future__ import annotations

import email.utils
import http.client
import json
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

DEFAULT_API = "https://bdl.stat.gov.pl/api/v1"
LIMITS_PAGE = "https://api.stat.gov.pl/Home/BdlApi"
RETRIED = {429, 502, 503, 504}


class ApiError(Exception):
    """The API could not be read: the message is Polish and complete (what, where, what to do)."""


@dataclass
class Client:
    base: str = DEFAULT_API
    key: str | None = None
    retries: int = 5
    max_wait: float = 120.0
    timeout: float = 60.0
    sleep: Callable[[float], None] = time.sleep
    interval: float = 0.25  # at most 4 requests a second: below the anonymous limit of 5
    requests: int = 0
    waits: list[float] = field(default_factory=list)
    _last: float = field(default=float("-inf"), repr=False)

    def _pace(self) -> None:
        gap = self._last + self.interval - time.monotonic()
        if gap > 0:
            self.sleep(gap)
        self._last = time.monotonic()

    def url(self, path: str, params: list[tuple[str, str]]) -> str:
        query = urllib.parse.urlencode([*params, ("format", "json"), ("lang", "pl")])
        return f"{self.base.rstrip('/')}/{path.lstrip('/')}?{query}"

    def get(self, url: str) -> Any:
        """The decoded JSON of one GET, retrying rate limits and busy servers `retries` times."""
        headers = {"Accept": "application/json", "User-Agent": "bdp-import-bdl"}
        if self.key:
            headers["X-ClientId"] = self.key
        for attempt in range(self.retries + 1):
            self._pace()
            self.requests += 1
            try:
                with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=self.timeout) as answer:
                    body = answer.read()
            except urllib.error.HTTPError as exc:
                if exc.code in RETRIED and attempt < self.retries:
                    wait = min(retry_after(exc.headers.get("Retry-After"), default=2.0 ** attempt), self.max_wait)
                    self.waits.append(wait)
                    self.sleep(wait)
                    continue
                raise ApiError(_http_message(exc.code, url, self.retries, bool(self.key))) from None
            except (urllib.error.URLError, http.client.HTTPException, OSError) as exc:  # OSError covers timeouts and resets
                reason = getattr(exc, "reason", exc)
                raise ApiError(f"nie udało się pobrać danych z API BDL ({url}): {reason or type(exc).__name__}; "
                               "sprawdź połączenie z internetem i adres --api-url") from None
            try:
                return json.loads(body.decode("utf-8"))
            except (UnicodeDecodeError, json.JSONDecodeError):
                raise ApiError(f"API BDL zwróciło odpowiedź, która nie jest poprawnym JSON-em ({url})") from None
        raise AssertionError("unreachable")  # pragma: no cover - the loop returns or raises

    def pages(self, url: str) -> Iterator[dict[str, Any]]:
        """Every page of a paged list, following links.next from the first page's address; the
        count of results is checked against totalRecords."""
        origin = _origin(self.base)
        seen = 0
        total: int | None = None
        visited: set[str] = set()
        while url:
            if url in visited:
                raise ApiError(f"API BDL wskazało jako następną stronę adres już pobrany ({url}); przerwano, by nie pobierać w kółko")
            visited.add(url)
            page = self.get(url)
            if not isinstance(page, dict) or not isinstance(page.get("results"), list):
                raise ApiError(f"odpowiedź API BDL nie ma listy „results” ({url}); API mogło zmienić format")
            if isinstance(page.get("totalRecords"), int):
                total = page["totalRecords"]
            seen += len(page["results"])
            yield page
            raw_links = page.get("links")
            links: dict[str, Any] = raw_links if isinstance(raw_links, dict) else {}
            following = links.get("next")
            if not following or not page["results"]:
                break
            if _origin(following) != origin:
                raise ApiError(f"API BDL wskazało następną stronę pod innym adresem ({following}) niż {self.base}; przerwano")
            url = following
        if total is not None and seen != total:
            raise ApiError(f"API BDL podało {total} rekordów (totalRecords), a na stronach było {seen}; "
                           "dane są niekompletne, spróbuj ponownie")


def retry_after(header: str | None, default: float) -> float:
    """Seconds to wait from a Retry-After header: seconds or an HTTP date (RFC 9110)."""
    if not header:
        return default
    try:
        return max(0.0, float(header))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(header)
    except (TypeError, ValueError):
        return default
    return max(0.0, when.timestamp() - time.time())


def _origin(url: str) -> tuple[str, str]:
    parts = urllib.parse.urlsplit(url)
    return parts.scheme, parts.netloc


def _http_message(code: int, url: str, retries: int, keyed: bool) -> str:
    if code == 429:
        hint = "" if keyed else "; klucz API (--api-key albo zmienna BDL_API_KEY) podnosi limity"
        return (f"API BDL odpowiada „zbyt wiele zapytań” (HTTP 429) także po {retries} ponownych próbach ({url}); "
                f"spróbuj później{hint} — limity: {LIMITS_PAGE}")
    if code in (401, 403):
        return f"API BDL odmówiło dostępu (HTTP {code}) ({url}); sprawdź klucz API (--api-key, BDL_API_KEY)"
    if code == 404:
        return f"API BDL nie ma takiego zasobu (HTTP 404) ({url}); sprawdź numer zmiennej (--variable)"
    if code == 400:
        return f"API BDL odrzuciło zapytanie (HTTP 400) ({url}); sprawdź lata (--year) i poziom (--level)"
    if code in RETRIED:
        return f"serwer API BDL jest niedostępny (HTTP {code}) także po {retries} ponownych próbach ({url}); spróbuj później"
    return f"API BDL zwróciło błąd HTTP {code} ({url})"
