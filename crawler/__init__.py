"""fanwen: an archiving crawler for Chinese template (范文) sites."""

__version__ = "0.1.0"
