"""ContactUserAgent: overriding the contact URL alone changes the User-Agent."""

from __future__ import annotations

from crawler.addons import ContactUserAgent
from crawler.runner import project_settings


def test_contact_url_override_reaches_the_user_agent() -> None:
    settings = project_settings({"FANWEN_CONTACT_URL": "mailto:ops@example.org"})
    ContactUserAgent().update_settings(settings)
    assert settings["USER_AGENT"].startswith("fanwen/")
    assert settings["USER_AGENT"].endswith("(+mailto:ops@example.org)")


def test_explicit_user_agent_wins() -> None:
    settings = project_settings({"FANWEN_CONTACT_URL": "mailto:a@b.c", "USER_AGENT": "mine/1"})
    ContactUserAgent().update_settings(settings)
    assert settings["USER_AGENT"] == "mine/1"


def test_default_is_untouched() -> None:
    settings = project_settings()
    before = settings["USER_AGENT"]
    ContactUserAgent().update_settings(settings)
    assert settings["USER_AGENT"] == before and "fanwen" in before


def test_enabled_as_an_addon_of_the_crawl() -> None:
    assert "crawler.addons.ContactUserAgent" in project_settings().getdict("ADDONS")
