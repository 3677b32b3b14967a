"""ninjs 3.1: every export validates against the IPTC schema, formats checked, offline."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.conftest import article
from tests.export_helpers import (
    BASE_URL,
    FIXTURES,
    LOCAL_SCHEMAS,
    SCHEMA_SHA256,
    SHARED_SCHEMAS,
    ninjs_validator,
    sample_articles,
    sha256,
)

from newsctl.export import ExportOptions, render_article
from newsctl.parse import parse_file


def ninjs(path: Path, **options) -> dict:
    return json.loads(render_article(parse_file(path, path.name), "ninjs", ExportOptions(**options)))


def errors(instance: dict) -> list[str]:
    return sorted(f"{list(e.absolute_path)}: {e.message}" for e in ninjs_validator().iter_errors(instance))


@pytest.mark.parametrize("name", sorted(SCHEMA_SHA256))
def test_local_schema_copies_are_unmodified(name: str) -> None:
    assert sha256(LOCAL_SCHEMAS / name) == SCHEMA_SHA256[name]


@pytest.mark.parametrize("name", sorted(SCHEMA_SHA256))
def test_local_copies_match_the_shared_folder(name: str) -> None:
    if not SHARED_SCHEMAS.is_dir():
        pytest.skip(f"shared schemas folder not present at {SHARED_SCHEMAS}; the local copies are used")
    assert sha256(SHARED_SCHEMAS / name) == sha256(LOCAL_SCHEMAS / name)


@pytest.mark.parametrize("base", [BASE_URL, None], ids=["base-url", "no-base-url"])
@pytest.mark.parametrize("path", sample_articles(), ids=lambda p: p.name)
def test_export_is_valid_ninjs(path: Path, base: str | None) -> None:
    assert errors(ninjs(path, base_url=base)) == []


def test_validator_really_checks_formats_and_refs() -> None:
    """Guard against a validator that accepts anything: known-bad documents must fail."""
    good = ninjs(FIXTURES / "rich.md")
    assert errors({**good, "firstCreated": "2024-03-06T18:00:00"}) == [
        "['firstCreated']: '2024-03-06T18:00:00' is not a 'date-time'"
    ]
    assert errors({**good, "pubStatus": "published"})
    assert errors({**good, "unknownProperty": 1})
    # the GeoJSON $ref resolves locally (the network is blocked in tests)
    place = {"name": "Harbour", "geoJSON": {"type": "Point", "coordinates": "not numbers"}}
    assert errors({**good, "places": [place]})
    ok_place = {"name": "Harbour", "geoJSON": {"type": "Point", "coordinates": [1.5, 50.2]}}
    assert errors({**good, "places": [ok_place]}) == []


def test_mapping() -> None:
    data = ninjs(FIXTURES / "rich.md", base_url=BASE_URL)
    assert data["standard"] == {
        "name": "ninjs",
        "version": "3.1",
        "schema": "http://www.iptc.org/std/ninjs/ninjs-schema_3.1.json#",
    }
    assert data["uri"] == "https://example.com/news/harbour-reopens.html"
    assert data["type"] == "text"
    assert len(data["version"]) == 12
    assert data["firstCreated"] == "2024-03-06T18:00:00+01:00"
    assert data["versionCreated"] == "2024-03-07T08:15:00+01:00"
    assert "embargoedUntil" not in data
    assert data["pubStatus"] == "usable"
    assert data["language"] == "en-GB"
    assert data["headlines"] == [{"role": "main", "value": "Harbour “reopens” after storm — what changes…"}]
    assert data["descriptions"] == [
        {
            "role": "summary",
            "contentType": "text/plain",
            "value": "The port reopened on Thursday with new safety rules & a smaller fleet.",
        }
    ]
    html, text = data["bodies"]
    assert html["contentType"] == "text/html" and html["value"].startswith("<p>The harbour reopened")
    assert text["contentType"] == "text/plain" and text["value"].startswith("The harbour reopened")
    assert text["value"].endswith("[3] mailto:press@example.org\n")
    assert data["by"] == "Jane Doe, Ali Khan and Mei Lin"
    assert data["people"] == [
        {"name": "Jane Doe", "rel": "author"},
        {"name": "Ali Khan", "rel": "author"},
        {"name": "Mei Lin", "rel": "author"},
    ]
    assert data["subjects"] == [
        {"name": "Business", "rel": "section"},
        {"name": "shipping", "rel": "about"},
        {"name": "weather", "rel": "about"},
        {"name": "local economy", "rel": "about"},
    ]


def test_naive_dates_are_taken_as_utc() -> None:
    data = ninjs(FIXTURES / "naive-dates.md")
    assert (data["firstCreated"], data["versionCreated"]) == ("2024-03-06T18:00:00Z", "2024-03-07T00:00:00Z")
    assert data["uri"] == "urn:newsctl:article:naive-dates"


def test_embargo_and_draft() -> None:
    front = (
        "---\ntitle: T\ndate: 2024-03-06T18:00:00+01:00\nauthor: A\nstatus: draft\n"
        "embargo: 2024-03-07T06:00:00+01:00\n---\n"
    )
    data = json.loads(render_article(article("Body.\n", front=front), "ninjs"))
    assert data["embargoedUntil"] == "2024-03-07T06:00:00+01:00"
    assert data["pubStatus"] == "withheld"
    assert errors(data) == []


def test_version_follows_the_content() -> None:
    a = json.loads(render_article(article("Body.\n"), "ninjs"))
    b = json.loads(render_article(article("Body changed.\n"), "ninjs"))
    assert a["version"] != b["version"]
    assert a["version"] == json.loads(render_article(article("Body.\n"), "ninjs"))["version"]
