"""The core: neutral events, command grammar, router, services, configuration and wiring."""
