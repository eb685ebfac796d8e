"""Guildbot: a chat bot for communities of practice."""

__version__ = "0.1.0"
