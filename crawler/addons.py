"""Scrapy add-ons of fanwen: settings derived from other settings.

Add-ons run ``update_settings`` before any component reads the settings,
which a value computed in ``settings.py`` at import time cannot do.
"""

from __future__ import annotations

from scrapy.settings import BaseSettings

from crawler import __version__


def user_agent(contact_url: str) -> str:
    return f"fanwen/{__version__} (+{contact_url})"


class ContactUserAgent:
    """``-s FANWEN_CONTACT_URL=…`` alone must change the User-Agent sites see.

    ``USER_AGENT`` is built from the default contact URL when settings.py is
    imported, so overriding only the contact URL would otherwise leave the
    default one in every request (and in robots.txt matching). An explicit
    ``USER_AGENT`` given with at least the same priority still wins.
    """

    def update_settings(self, settings: BaseSettings) -> None:
        contact_priority = settings.getpriority("FANWEN_CONTACT_URL") or 0
        if contact_priority > (settings.getpriority("USER_AGENT") or 0):
            settings.set("USER_AGENT", user_agent(settings["FANWEN_CONTACT_URL"]), contact_priority)
