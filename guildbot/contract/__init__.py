"""The contract between the core and the platform edges.

Adapters import this package (and their SDKs) and nothing else of Guildbot's: the neutral
events they hand in, the messages they render, the protocol they implement, and the small
stores and lookups the composition root hands them. Everything here is plain values and
protocols; nothing does I/O, and nothing imports the rest of Guildbot.
"""
