"""Matrix (Element, Tchap, any homeserver), end-to-end encrypted, on mautrix-python."""

from guildbot.adapters.matrix.adapter import MatrixAdapter

__all__ = ["MatrixAdapter"]
