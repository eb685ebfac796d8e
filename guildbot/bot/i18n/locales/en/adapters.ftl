### The adapters' own words: platforms' command lists and option prompts, and what an
### adapter says itself (an error, a note on a button, a card's fallback).

## Command lists (Discord, Teams): the umbrella command, and prompts of commands taking one line.
## The English ones are the specs' own words, word for word (a test compares them).

adapters-umbrella-summary = Any Guildbot command (try: help)
adapters-umbrella-prompt = A command line, e.g. help · profile · expertise add k8s
adapters-ask-prompt = Your question — or: mine · close ID · suggest ID @member · mode off|suggest|auto

## Discord's options of a subcommand.

adapters-discord-option-community = Which community (its name or slug)
adapters-discord-option-event = Which event (its number)
adapters-discord-option-nothing-more = nothing more is needed

## Teams' app manifest (manifest.json, and a localization file per other language).

adapters-teams-name-full = { $name } for communities of practice
adapters-teams-description-short = Find colleagues who know, coffee intros, community calendars.
adapters-teams-description-full = Guildbot connects people who share a craft across departments: it routes questions to colleagues with the right expertise, pairs members for coffee intros across departments, and keeps each community's calendar with reminders.
adapters-teams-channel-messages = In the channels and group chats it is added to, it reads the messages to notice questions it can route (where the community turned routing on) and thanks that show who helped; it keeps only the questions it routes.

## What an adapter says itself, in the reader's language where it knows it (the interaction's
## or the activity's locale), else the default.

adapters-restarting = Guildbot is restarting; please try again in a minute.
adapters-something-went-wrong = Sorry, something went wrong on my side.
adapters-nothing-changed = OK — nothing was changed.
# A button to confirm whose words the core never gave (a button from a newer process).
adapters-confirm-do-this = Do this
adapters-confirm-title = { $action }?
adapters-confirm-text = Please confirm.
adapters-confirm-yes = Yes
adapters-confirm-cancel = Cancel

# Two or more names: "A, B and C" (first is "A, B").
adapters-and = { $first } and { $last }

## Teams: what the adapter says itself.

adapters-teams-not-our-button = That button is not one of Guildbot's.
adapters-teams-got-it = Got it.
adapters-teams-cannot-message-you = I have a private answer for you, but I can't message you yet: open a chat with Guildbot (Apps → Guildbot → Add) and ask again there.
# A group Teams cannot open: each member gets the message in their own chat, with this note
# and a link (adapters-teams-open-group-chat) after it.
adapters-teams-also-sent = Also sent to { $names } —
adapters-teams-open-group-chat = open a group chat with all of you
adapters-teams-a-colleague = a colleague

## Slack: what the adapter says itself.

adapters-slack-home-unavailable = I couldn't look up your Slack profile just now, so there is nothing to show yet. Please try again soon.
# A card carrying more of a message's buttons, under the start of its text.
adapters-teams-more-choices = More choices for “{ $opening }”:
# Under a destructive button's confirmation ($deny: the core's word for stepping back, in lower case).
adapters-teams-press-again = (Press “{ $label }” again to { $deny }.)
# In italics, in place of a message's text that did not fit.
adapters-slack-shortened = (shortened: the rest did not fit in one Slack message)
# The name of a private thread opened for a group (a coffee intro); $names: "Ana Lima, Bo Chen".
adapters-discord-intro-thread = Guildbot intro: { $names }
# A member of such a group whose name Discord did not give.
adapters-discord-someone = member

## Matrix: what the adapter says itself.

# The private room opened for a group (a coffee intro, an expert connection); $names: "Ana Lima, Bo Chen".
adapters-matrix-group-room = Guildbot: { $names }
# Once per member, when a message of theirs in an encrypted room could not be decrypted.
adapters-matrix-cannot-decrypt = I couldn't read a message you sent: it was encrypted with keys my device never received. Please verify Guildbot's device in your client (or verify it again), then send the message once more.
# Someone answered numbered choices that were sent to another member.
adapters-matrix-not-your-choice = Those choices were for someone else; yours come in a message of your own.
# A number past the choices offered.
adapters-matrix-choose-between = Please answer with a number from 1 to { $last }.
# In a room, after a command whose answer is for the member alone: it went to their direct chat
# (a mention of them comes first).
adapters-matrix-answered-in-direct = I answered you in our direct chat.
