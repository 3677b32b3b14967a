"""Settings: discovery, validation with clear messages, selection, severity, suppression."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsctl import rulebook
from newsctl.findings import Severity
from newsctl.settings import ConfigError, Settings, apply_overrides, from_mapping, load_settings, parse_now
from tests.conftest import FRONT, codes, lint


def enabled(settings: Settings, path: str | None = None) -> set[str]:
    return {r.code for r in settings.enabled_rules(path)}


def test_defaults_enable_every_default_rule():
    on = enabled(Settings())
    assert on == {r.code for r in rulebook.all_rules() if r.default_enabled}


def test_select_by_prefix_category_and_name_and_ignore_wins():
    s = from_mapping({"select": ["S00", "hygiene", "unknown-field"], "ignore": ["S003", "H"]})
    assert enabled(s) == {"S001", "S002", "S004", "S005", "S006", "S007", "S008", "S009", "M009"}


def test_extend_select_only_adds():
    s = from_mapping({"select": ["M001"], "extend-select": ["S003"]})
    assert enabled(s) == {"M001", "S003"}


def test_per_file_ignores_match_globs(tmp_path: Path):
    s = from_mapping({"per-file-ignores": {"live/*.md": ["structure"], "*.markdown": ["M010"]}})
    assert "S003" not in enabled(s, "live/blog.md")
    assert "S003" in enabled(s, "other/blog.md")
    assert "M010" not in enabled(s, "deep/dir/x.markdown")


def test_severity_override_most_specific_wins():
    s = from_mapping({"severity": {"structure": "info", "S003": "error"}})
    s003, s001 = rulebook.get("S003"), rulebook.get("S001")
    assert s.severity_of(s003) is Severity.ERROR
    assert s.severity_of(s001) is Severity.INFO


@pytest.mark.parametrize(
    "raw, message",
    [
        ({"selct": ["S"]}, "unknown key 'selct' (did you mean 'select'?)"),
        ({"select": ["Z999"]}, "key 'select': 'Z999' matches no rule"),
        ({"ignore": "S0033"}, "key 'ignore': 'S0033' matches no rule"),
        ({"fail-on": "fatal"}, "key 'fail-on': 'fatal' is not one of error, warning, info"),
        ({"max-title-length": "long"}, "key 'max-title-length': must be a number, got 'long'"),
        ({"max-title-length": 0}, "key 'max-title-length': must be at least 1, got 0"),
        ({"required-fields": ["titel"]}, "key 'required-fields': 'titel' is not a known front-matter field"),
        ({"severity": {"S003": "loud"}}, "key 'severity.S003': 'loud' is not one of error, warning, info"),
        ({"per-file-ignores": ["x"]}, "key 'per-file-ignores': must be a table"),
    ],
)
def test_bad_settings_name_the_key(raw, message):
    with pytest.raises(ConfigError) as err:
        from_mapping(raw, Path("/repo/pyproject.toml"))
    assert str(err.value).startswith("/repo/pyproject.toml: [tool.newsctl] ")
    assert message in str(err.value)


def test_discovery_walks_up_and_prefers_newsctl_toml(tmp_path: Path):
    (tmp_path / "pyproject.toml").write_text('[tool.newsctl]\nignore = ["S003"]\n')
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    s = load_settings(cwd=deep)
    assert s.ignore == ("S003",) and s.config_path == tmp_path / "pyproject.toml"
    (tmp_path / "a" / "newsctl.toml").write_text('ignore = ["S001"]\n')
    s = load_settings(cwd=deep)
    assert s.ignore == ("S001",) and s.root == tmp_path / "a"


def test_pyproject_without_table_is_skipped(tmp_path: Path):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n')
    assert load_settings(cwd=tmp_path).config_path is None


def test_invalid_toml_is_a_config_error(tmp_path: Path):
    (tmp_path / "newsctl.toml").write_text("select = [\n")
    with pytest.raises(ConfigError, match="newsctl.toml: invalid TOML"):
        load_settings(cwd=tmp_path)


def test_cli_overrides_replace_select_and_extend_ignore():
    base = from_mapping({"select": ["S"], "ignore": ["S001"]})
    s = apply_overrides(base, {"select": ["S001,S002"], "ignore": ["S002"], "options": {"max-lead-words": "60"}})
    assert s.select == ("S001", "S002") and s.ignore == ("S001", "S002")
    assert s.option("max-lead-words") == 60


def test_parse_now_defaults_to_utc():
    assert parse_now("2024-03-06T12:00").isoformat() == "2024-03-06T12:00:00+00:00"
    assert parse_now("2024-03-06").isoformat() == "2024-03-06T00:00:00+00:00"
    with pytest.raises(ConfigError, match="--now"):
        parse_now("next tuesday")


BODY = FRONT + "Lead.\n\n## Empty one\n\n<!-- newsctl: disable S003 -->\n\n## Empty two\n\n<!-- newsctl: enable -->\n\n## Empty three\n\n<!-- newsctl: disable-next-line empty-section -->\n## Empty four\n\n## Empty five <!-- newsctl: disable-next-line -->\n"


def test_inline_suppression_ranges_and_next_line():
    assert codes(lint(BODY, select=["S003"])) == [("S003", 10), ("S003", 18), ("S003", 23)]


def test_disable_only_named_codes():
    text = FRONT + "<!-- newsctl: disable H002 -->\n\nLead TK with the the.\n"
    assert codes(lint(text, select=["H"])) == [("H003", 10)]


def test_enable_can_lift_one_rule_of_a_disabled_category():
    text = FRONT + "<!-- newsctl: disable hygiene -->\n\nLead TK with the the.\n\n<!-- newsctl: enable doubled-word -->\n\nAgain TK and the the.\n"
    assert codes(lint(text, select=["H"])) == [("H003", 14)]


def test_decimal_grade_limits_are_accepted_and_whole_numbers_required_elsewhere():
    assert from_mapping({"max-grade": 10.5}).option("max-grade") == 10.5
    assert from_mapping({"max-grade": 10}).option("max-grade") == 10.0
    with pytest.raises(ConfigError, match="whole number"):
        from_mapping({"max-sentence-words": 30.5})


def test_newsctl_toml_with_only_a_tool_table_is_read_as_that_table(tmp_path: Path):
    (tmp_path / "newsctl.toml").write_text('[tool.newsctl]\nignore = ["S003"]\n')
    settings = load_settings(cwd=tmp_path)
    assert settings.ignore == ("S003",)
    assert load_settings(tmp_path / "newsctl.toml").ignore == ("S003",)


def test_newsctl_toml_mixing_top_level_keys_and_a_tool_table_says_what_to_change(tmp_path: Path):
    (tmp_path / "newsctl.toml").write_text('select = ["M"]\n[tool.newsctl]\nignore = ["S003"]\n')
    with pytest.raises(ConfigError) as err:
        load_settings(cwd=tmp_path)
    assert "settings are both at the top level (select) and in a [tool.newsctl] table" in str(err.value)
    assert "delete the '[tool.newsctl]' line" in str(err.value)


def test_week_and_basic_dates_count_as_bare():
    from newsctl.fields import parse_datetime

    assert parse_datetime("2026-W09-1")[1] is True
    assert parse_datetime("20260302")[1] is True
    assert parse_datetime("2026-03-02T09:00:00Z")[1] is False


def test_invalid_value_hint_shows_a_valid_example():
    findings = lint("---\ntitle: t\ndate: March 6th\nauthor: A\nsummary: On\n---\n\nBody.\n", select=["M008"])
    assert [(f.line, f.hint) for f in findings] == [
        (3, "Write it like: date: 2026-03-06T09:30:00+01:00"),
        (5, 'Write it like: summary: "The council passed the budget after a six-hour debate."'),
    ]
    assert "put the text in quotes" in findings[1].message


def test_overrides_are_typed_and_a_misspelt_key_is_an_error():
    from newsctl.settings import Overrides

    base = from_mapping({})
    with pytest.raises(ValueError, match="unknown setting override 'extend-select'"):
        apply_overrides(base, {"extend-select": ["D012"]})
    s = apply_overrides(base, Overrides(extend_select=["D012"], fail_on="warning"))
    assert s.extend_select == ("D012",) and s.fail_on.value == "warning"
    assert apply_overrides(base, {"extend_select": ["D012"]}).extend_select == ("D012",)


def test_settings_errors_give_the_line_of_the_key(tmp_path):
    """`path:line:` as every other newsctl message, also for keys inside a table."""
    from newsctl.settings import ConfigError, load_settings

    config = tmp_path / "pyproject.toml"
    config.write_text('[project]\nname = "x"\n\n[tool.newsctl]\npaths = ["a"]\n\n[tool.newsctl.severity]\nS003 = "loud"\n', encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_settings(config=config)
    assert str(caught.value).startswith(f"{config}:8: [tool.newsctl] key 'severity.S003': ")
