### What the router answers before any feature does: lines it cannot read, and failures.
### Markup: *bold* and `code`, as in bot.rich.say. Values never become markup.

router-too-long = That message is { $length } characters long; I can read up to { $limit }. Please shorten it.
router-too-long-for-me = That's too long for me: I can read up to { $limit } characters.
router-no-profile = I couldn't look up your profile on { $platform }, so I haven't done anything. Please try again in a minute.
router-failed = Sorry, something went wrong on my side and nothing was changed. If it keeps happening, give your operator this reference: { $reference }.
router-expired = That button has expired. Please run the command again.
router-unknown-command = I don't know the command “{ $typed }”.
router-unknown-command-suggest = I don't know the command “{ $typed }”. Did you mean `{ $suggestion }`?
router-did-you-mean-form = Did you mean `{ $command } { $form }`?
router-nothing-waiting = There's nothing waiting for a number from you just now (choices expire after a while). Type `help` to see what I can do.
router-usage-one = Usage: `{ $usage }`
router-usage-many =
    Usage:
    { $forms }
router-more-on = More: `help { $command }`
