"""Services: the bot's behaviour, one module per area, free of any platform detail."""
