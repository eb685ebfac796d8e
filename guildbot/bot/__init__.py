"""The core: the router and dispatcher, the registry features plug into, the features
themselves, the scheduler and its outbox, policy, the command grammar and configuration."""
