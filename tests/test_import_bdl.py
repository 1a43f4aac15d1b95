"""`bdp import bdl` against a real HTTP server on 127.0.0.1 serving recorded-shape BDL API answers
(tests/fixtures/bdl): paging, rate limits, missing values, attributes, units outside the registry,
output that passes the real validator, nothing written on failure. No network beyond localhost."""
from __future__ import annotations

import json
import socket
import threading
import urllib.parse
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXTURES, VALID, overlay

from generator.authoring.importers.bdl_api import ApiError, Client, retry_after
from generator.authoring.importers.bdl_map import MappingError, unit_teryt
from generator.check.validate import validate_tree
from generator.cli import main

BDL = FIXTURES / "bdl"
BASE_ARGS = ["import", "bdl", "--variable", "999001", "--year", "2020-2022", "--sector", "zarządzanie strategiczne",
             "--page-size", "2", "--min-interval", "0"]
WRITTEN = ["indicators/gus-bdl-999001.csv", "indicators/gus-bdl-999001.yaml", "registry/sources/gus-bdl-999001.yaml"]


class FakeBdl:
    """The BDL API paths the importer uses, answered from the fixture files."""

    def __init__(self) -> None:
        self.requests: list[tuple[str, dict[str, list[str]], dict[str, str]]] = []
        self.throttle: dict[str, int] = {}  # path prefix → how many 429 answers to give first
        self.retry_after = "0.05"
        self.status: dict[tuple[str, str], int] = {}  # (path prefix, page) → HTTP status to answer
        self.edit: dict[str, Callable[[Any], Any]] = {}  # fixture file → change to its JSON
        self.truncate: set[tuple[str, str]] = set()  # (path, page) answered with a cut-off body
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self.server.server_port}/api/v1"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def _fixture(self, path: str, query: dict[str, list[str]]) -> str | None:
        if path == "/api/v1/variables/999001":
            return "variable.json"
        if path == "/api/v1/subjects/P9999":
            return "subject.json"
        if path == "/api/v1/attributes":
            return "attributes.json"
        if path == "/api/v1/data/by-variable/999001":
            return f"data-{query.get('unit-level', ['?'])[0]}-page{query.get('page', ['0'])[0]}.json"
        return None

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def _send(self, status: int, body: bytes, headers: dict[str, str] | None = None) -> None:
                self.send_response(status)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                for key, value in (headers or {}).items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self) -> None:
                parts = urllib.parse.urlsplit(self.path)
                query = urllib.parse.parse_qs(parts.query)
                fake.requests.append((parts.path, query, {k.lower(): v for k, v in self.headers.items()}))
                for prefix, left in fake.throttle.items():
                    if parts.path.startswith(prefix) and left > 0:
                        fake.throttle[prefix] = left - 1
                        self._send(429, b'{"errorResult": "limit"}', {"Retry-After": fake.retry_after})
                        return
                page = query.get("page", ["0"])[0]
                if (parts.path, page) in fake.truncate:
                    self.send_response(200)
                    self.send_header("Content-Length", "1000")
                    self.end_headers()
                    self.wfile.write(b'{"totalRecords": 4, "res')
                    return
                for (prefix, at_page), status in fake.status.items():
                    if parts.path.startswith(prefix) and at_page == page:
                        self._send(status, b'{"errors": "test"}')
                        return
                name = fake._fixture(parts.path, query)
                if name is None or not (BDL / name).is_file():
                    self._send(404, b'{"errors": "not found"}')
                    return
                data = json.loads((BDL / name).read_text(encoding="utf-8").replace("{base}", fake.url))
                if name in fake.edit:
                    data = fake.edit[name](data)
                self._send(200, json.dumps(data, ensure_ascii=False).encode("utf-8"))

        return Handler

    def data_requests(self) -> list[tuple[str, str]]:
        return [(q.get("unit-level", [""])[0], q.get("page", ["0"])[0]) for p, q, _ in self.requests if "/data/" in p]


@pytest.fixture
def api() -> Iterator[FakeBdl]:
    fake = FakeBdl()
    fake.thread.start()
    yield fake
    fake.server.shutdown()
    fake.server.server_close()


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    return overlay(VALID, tmp_path / "no-case", tmp_path / "tree")


def listing(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def run_import(tree: Path, api: FakeBdl, *extra: str) -> int:
    return main(["--root", str(tree), *BASE_ARGS, "--api-url", api.url, *extra])


def test_bdl_unit_ids_become_teryt_codes_as_the_registry_writes_them() -> None:
    assert unit_teryt("011212161011").teryt == "1261011"  # Kraków, gmina level
    assert unit_teryt("071412865011").teryt == "1465011"  # Warszawa
    assert unit_teryt("051011661000").teryt == "1061011"  # city with powiat rights read at powiat level
    assert unit_teryt("023011119000").teryt == "3019"  # a land powiat
    assert unit_teryt("011200000000").teryt == "12"  # voivodeship
    bemowo = unit_teryt("071412865028")
    assert bemowo.teryt is None and bemowo.reason == "dzielnica m.st. Warszawy"
    assert unit_teryt("000000000000").teryt is None
    with pytest.raises(MappingError, match="12 cyfr"):
        unit_teryt("0112")


def test_import_follows_pages_and_writes_files_that_validate(tree: Path, api: FakeBdl,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    errors_before = [p for p in validate_tree(tree).problems if p.severity == "error"]
    assert run_import(tree, api, "--level", "gmina", "--level", "powiat") == 0
    out = capsys.readouterr().out
    assert api.data_requests() == [("6", "0"), ("6", "1"), ("5", "0")]  # links.next followed, then the next level
    assert (tree / WRITTEN[0]).read_text(encoding="utf-8") == (
        "teryt,indicator,year,value,note,source\n"
        "0415042,gus-bdl-999001,2020,200,,gus-bdl-999001\n"
        "0415042,gus-bdl-999001,2021,210,,gus-bdl-999001\n"
        "0415042,gus-bdl-999001,2022,220,,gus-bdl-999001\n"
        "1061011,gus-bdl-999001,2020,1000,,gus-bdl-999001\n"
        "1061011,gus-bdl-999001,2021,1010.5,GUS: opis testowy: dane wstępne,gus-bdl-999001\n"
        "3019,gus-bdl-999001,2020,500,,gus-bdl-999001\n"
        "3019,gus-bdl-999001,2021,505,,gus-bdl-999001\n")
    indicator = (tree / WRITTEN[1]).read_text(encoding="utf-8")
    assert "example_data" not in indicator and 'name: "Temat testowy — ogółem"' in indicator and "unit: osoba" in indicator
    source = (tree / WRITTEN[2]).read_text(encoding="utf-8")
    assert "999001" in source and "osoba" in source and api.url in source and "podać źródło" in source
    problems = validate_tree(tree).problems
    assert [p for p in problems if p.path in WRITTEN] == []
    assert [p for p in problems if p.severity == "error"] == errors_before
    assert "pominięto 1 jednostkę spoza registry/jst (2 wartości): Kraków (1261011, 2 wartości)" in out
    assert "pominięto 1 jednostkę, która nie jest samorządem (dzielnica m.st. Warszawy: 1): Warszawa-Bemowo" in out
    assert "brak wartości (1 rok jednostek z rejestru): Łódź (2022)" in out
    assert "zapisano raz" in out  # Łódź at gmina and powiat level, same value
    assert "Zapisano indicators/gus-bdl-999001.csv (7 wierszy)" in out


def test_rate_limit_waits_for_retry_after_then_continues(tree: Path, api: FakeBdl,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    api.throttle["/api/v1/data/"] = 2
    assert run_import(tree, api) == 0
    statuses = [q.get("page", ["0"])[0] for p, q, _ in api.requests if "/data/" in p]
    assert statuses == ["0", "0", "0", "1"]  # two answers 429, then the same page again
    assert "2 ponowienia po limicie zapytań" in capsys.readouterr().out


def test_retry_after_header_sets_the_wait_within_the_limit(api: FakeBdl) -> None:
    api.throttle["/api/v1/variables/"] = 2
    api.retry_after = "7"
    waits: list[float] = []
    client = Client(base=api.url, retries=3, max_wait=60, sleep=waits.append, interval=0)
    assert client.get(client.url("variables/999001", []))["id"] == 999001
    assert waits == [7.0, 7.0]
    api.throttle["/api/v1/variables/"] = 1
    api.retry_after = "600"
    capped: list[float] = []
    client = Client(base=api.url, retries=3, max_wait=2.5, sleep=capped.append, interval=0)
    client.get(client.url("variables/999001", []))
    assert capped == [2.5]
    assert retry_after(None, default=4.0) == 4.0 and retry_after("Wed, 21 Oct 2015 07:28:00 GMT", default=1.0) == 0.0


def test_rate_limit_exhausted_exits_3_in_polish_and_writes_nothing(tree: Path, api: FakeBdl,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    before = listing(tree)
    api.throttle["/api/v1/data/"] = 99
    assert run_import(tree, api, "--retries", "2") == 5
    err = capsys.readouterr().err
    assert "HTTP 429" in err and "po 2 ponownych próbach" in err and "Nic nie zapisano." in err
    assert "Traceback" not in err
    assert len([p for p, _, _ in api.requests if "/data/" in p]) == 3
    assert listing(tree) == before


def test_failure_on_a_later_page_writes_nothing(tree: Path, api: FakeBdl, capsys: pytest.CaptureFixture[str]) -> None:
    before = listing(tree)
    api.status[("/api/v1/data/", "1")] = 500
    assert run_import(tree, api) == 5
    assert "HTTP 500" in capsys.readouterr().err
    assert listing(tree) == before


def test_unreachable_api_exits_3_and_writes_nothing(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    before = listing(tree)
    assert main(["--root", str(tree), *BASE_ARGS, "--api-url", f"http://127.0.0.1:{port}/api/v1"]) == 5
    err = capsys.readouterr().err
    assert "nie udało się pobrać danych z API BDL" in err and "Nic nie zapisano." in err
    assert listing(tree) == before


def test_connection_cut_mid_answer_exits_3_and_writes_nothing(tree: Path, api: FakeBdl,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    api.truncate.add(("/api/v1/data/by-variable/999001", "1"))
    before = listing(tree)
    assert run_import(tree, api) == 5
    err = capsys.readouterr().err
    assert "nie udało się pobrać danych z API BDL" in err and "page=1" in err and "Traceback" not in err
    assert listing(tree) == before


def test_incomplete_paging_is_detected(tree: Path, api: FakeBdl, capsys: pytest.CaptureFixture[str]) -> None:
    def cut(data: Any) -> Any:
        del data["links"]["next"]
        return data
    api.edit["data-6-page0.json"] = cut
    before = listing(tree)
    assert run_import(tree, api) == 5
    assert "podało 4 rekordów (totalRecords), a na stronach było 2" in capsys.readouterr().err
    assert listing(tree) == before


def test_conflicting_values_of_a_city_at_two_levels_stop_the_import(tree: Path, api: FakeBdl,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    def other_value(data: Any) -> Any:
        data["results"][1]["values"][0]["val"] = 999
        return data
    api.edit["data-5-page0.json"] = other_value
    before = listing(tree)
    assert run_import(tree, api, "--level", "gmina", "--level", "powiat") == 1
    err = capsys.readouterr().err
    assert "Łódź (1061011) w roku 2020" in err and "1000" in err and "999" in err
    assert listing(tree) == before


def test_unpublished_attribute_0_is_left_out_and_counted(tree: Path, api: FakeBdl,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    def unpublished(data: Any) -> Any:
        data["results"][1]["values"][2] = {"year": "2022", "val": 0, "attrId": 0}
        return data
    api.edit["data-6-page0.json"] = unpublished
    assert run_import(tree, api) == 0
    assert "pominięto 1 wartość z atrybutem GUS 0" in capsys.readouterr().out
    assert "0415042,gus-bdl-999001,2022" not in (tree / WRITTEN[0]).read_text(encoding="utf-8")


def test_unexplained_attribute_stops_the_import(tree: Path, api: FakeBdl, capsys: pytest.CaptureFixture[str]) -> None:
    def unknown(data: Any) -> Any:
        data["results"][1]["values"][0]["attrId"] = 42
        return data
    api.edit["data-6-page0.json"] = unknown
    assert run_import(tree, api) == 1
    assert "atrybutem spoza listy atrybutów (/attributes): 42" in capsys.readouterr().err
    assert not (tree / WRITTEN[0]).exists()


def test_api_key_goes_in_x_clientid_from_the_environment(tree: Path, api: FakeBdl,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BDL_API_KEY", "klucz-testowy")
    assert run_import(tree, api) == 0
    assert {headers.get("x-clientid") for _, _, headers in api.requests} == {"klucz-testowy"}
    api.requests.clear()
    assert run_import(tree, api, "--overwrite", "--api-key", "klucz-z-opcji") == 0  # the option wins
    assert {headers.get("x-clientid") for _, _, headers in api.requests} == {"klucz-z-opcji"}
    monkeypatch.delenv("BDL_API_KEY")
    api.requests.clear()
    assert run_import(tree, api, "--overwrite") == 0
    assert {headers.get("x-clientid") for _, _, headers in api.requests} == {None}  # anonymous


def test_existing_files_are_kept_without_overwrite(tree: Path, api: FakeBdl, capsys: pytest.CaptureFixture[str]) -> None:
    (tree / WRITTEN[1]).write_text("id: gus-bdl-999001\n", encoding="utf-8")
    assert run_import(tree, api) == 2
    assert "--overwrite" in capsys.readouterr().err
    assert (tree / WRITTEN[1]).read_text(encoding="utf-8") == "id: gus-bdl-999001\n"
    assert api.requests == []  # refused before asking the API
    assert run_import(tree, api, "--overwrite") == 0
    assert "Temat testowy" in (tree / WRITTEN[1]).read_text(encoding="utf-8")


def test_indicator_already_in_another_table_is_refused(tree: Path, api: FakeBdl, capsys: pytest.CaptureFixture[str]) -> None:
    (tree / "indicators" / "starsza.csv").write_text("teryt,indicator,year,value,note,source\n"
                                                     "1061011,gus-bdl-999001,2020,1,,gus-bdl-999001\n", encoding="utf-8")
    assert run_import(tree, api) == 1
    assert "ma już wartości w indicators/starsza.csv" in capsys.readouterr().err
    assert not (tree / WRITTEN[0]).exists() and api.requests == []


def test_bad_api_url_is_a_usage_error(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--root", str(tree), *BASE_ARGS, "--api-url", "bdl.stat.gov.pl/api/v1"]) == 2
    assert "nie jest adresem http://" in capsys.readouterr().err


def test_bad_year_is_a_usage_error(tree: Path, api: FakeBdl, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--root", str(tree), "import", "bdl", "--variable", "999001", "--year", "2022-2020",
                 "--sector", "kultura", "--api-url", api.url]) == 2
    assert "zakres lat „2022-2020” jest błędny" in capsys.readouterr().err
    assert api.requests == []


def test_requests_are_paced_below_the_anonymous_limit(api: FakeBdl) -> None:
    pauses: list[float] = []
    client = Client(base=api.url, sleep=pauses.append, interval=30)
    client.get(client.url("variables/999001", []))
    client.get(client.url("subjects/P9999", []))
    assert len(pauses) == 1 and 29 < pauses[0] <= 30  # the second request waited for the interval


def test_client_refuses_a_next_page_on_another_host(api: FakeBdl) -> None:
    def elsewhere(data: Any) -> Any:
        data["links"]["next"] = "https://example.org/api/v1/data/by-variable/999001?page=1"
        return data
    api.edit["data-6-page0.json"] = elsewhere
    client = Client(base=api.url, sleep=lambda s: None, interval=0)
    with pytest.raises(ApiError, match="pod innym adresem"):
        list(client.pages(client.url("data/by-variable/999001", [("unit-level", "6")])))
