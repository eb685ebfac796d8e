### Expert routing: what `ask` and the questions' `expertise` forms answer the member acting,
### and what is sent to others (invitations, the asker's good news, notices, posts).

## Help: the forms' one-line summaries (form-NAME-FORM), word for word the specs' own.

form-ask-question = ask colleagues who know (privately)
form-ask-mine = your open questions, and those you were asked
form-ask-close = close a question (resolved by…)
form-ask-suggest = suggest someone who knows
form-ask-mode = how I treat questions in this channel (facilitators)
form-expertise-who = who can help with a topic, and why
form-expertise-optin = let colleagues' questions come to you
form-expertise-optout = stop all expert suggestions at once
form-expertise-default = organisation default for suggesting members (admins)

## Members, as messages name them.

questions-person = { $name } ({ $department })
questions-expert-line = • { $name } — { $reason }
questions-a-colleague = A colleague
questions-a-colleague-lower = a colleague
questions-your-helper = your helper
questions-someone = someone
questions-suggested-you = { $name } suggested you
questions-earlier = earlier
questions-names-and = { $some } and { $last }

## Why a colleague suits a question (the ranker's reasons), clause by clause.

questions-why-and = { $before }; { $after }
questions-why-declared = declared { $names }
questions-why-resolved = resolved { $count ->
        [one] { $n } question
       *[other] { $n } questions
    } on { $names }, most recently in { $month }
questions-why-answered = answered { $count ->
        [one] { $n } question
       *[other] { $n } questions
    }{ $resolved ->
        [0] {""}
       *[other] {" "}({ $r } resolved)
    } on { $names }, most recently in { $month }
questions-why-thanked = thanked { $count ->
        [one] { $n } time
       *[other] { $n } times
    }
questions-why-thanked-for = thanked { $count ->
        [one] { $n } time
       *[other] { $n } times
    } for help on { $names }
questions-why-suggested = suggested by colleagues { $count ->
        [one] { $n } time
       *[other] { $n } times
    }
questions-why-active-recently = active helper: { $count ->
        [one] { $n } contribution
       *[other] { $n } contributions
    } in the last 30 days
questions-why-active = active helper ({ $count ->
        [one] { $n } contribution
       *[other] { $n } contributions
    } on record, most recently in { $month })
questions-why-nothing = no recorded expertise yet

## Asking.

questions-more-detail = Could you say a bit more? I route questions by what they are about, so a sentence works best, e.g. `ask How do I make a scanned PDF accessible?`
questions-no-community-channel = I don't know a community channel for this question, sorry.
questions-posted = Posted to the community channel. I hope someone there knows!
questions-button-expired = That button has expired.
questions-too-long = That question is { $length } characters; please keep it under { $limit } (add details when you talk to the expert).
questions-form-arguments = { $form ->
        [close] `ask close` takes the question's number (see `ask mine`), e.g. `ask close 12`.
        [suggest] `ask suggest` takes the question's number and a colleague, e.g. `ask suggest 12 @lea`.
       *[mode] `ask mode` takes off, suggest or auto.
    } Nothing was saved.
questions-did-you-mean = Did you mean `{ $command }`? Nothing was saved.
questions-no-such-question = You have no question #{ $id }. `ask mine` lists your open questions.
questions-with-colleagues-already = Question #{ $id } is already with colleagues.
questions-asked =
    Question #{ $id }: I've asked { $count ->
        [one] 1 colleague
       *[other] { $count } colleagues
    } who may know:
    { $names }
    I'll tell you as soon as someone can help.{ $later ->
        [0] {""}
       *[other] {" "}If no one can help within { $hours } working hours, I'll ask { $later } more.
    }
questions-asked-context = `ask mine` shows your open questions; `ask close { $id }` closes it.
questions-nobody-to-ask = I saved question #{ $id }, but honestly I don't know anyone yet who has shown expertise in this and agreed to be asked. { $offer ->
        [post] Shall I post it to the community channel instead?
       *[try] Try `expertise who TOPIC` with a shorter topic, or ask in a community channel.
    }
questions-post-button = Post it to the community channel
questions-looks-like-a-question = That looks like a question. Want me to find a colleague who knows?
questions-find-expert-button = Find an expert

## Resolved questions like the new one, offered before anyone is asked.

questions-earlier-line = • #{ $id } “{ $text }” — resolved by { $name }, { $month }
questions-earlier-where = (discussed in { $where })
questions-community-channel = the community channel
questions-answers-it-button = #{ $id } answers it
questions-still-ask-button = Still ask
questions-similar-resolved =
    { $count ->
        [one] Before I ask anyone: this resolved question looks like yours.
       *[other] Before I ask anyone: these resolved questions look like yours.
    }
    { $items }
    Does one of them answer it? Nobody has been asked yet.
questions-similar-context = Saved as question #{ $id }. *Still ask* sends it to colleagues who know; `ask close { $id }` drops it.
questions-answered-by-earlier = Marked question #{ $id } as answered by #{ $earlier }. Glad it helped — nobody else was asked.
questions-answered-by-earlier-resolver = Marked question #{ $id } as answered by #{ $earlier }, resolved by { $name }. Glad it helped — nobody else was asked, and it counts for { $name } next time.
questions-earlier-gone = That earlier question is no longer there to point to. Press *Still ask* to send yours to colleagues.

## Buttons on invitations and on what the asker is told.

questions-i-can-help-button = I can help
questions-not-me-button = Not me
questions-suggest-someone-button = Suggest someone
questions-resolved-by-button = Resolved by { $name }
questions-close-button = Close, no answer needed

## Answering an invitation.

questions-invitation-expired = That invitation was for someone else, or has expired.
questions-noted-already = Noted already — thank you.
questions-declined = No problem, thanks for saying so — I'll ask someone else.
questions-someone-else = Please suggest someone other than yourself or the asker.
questions-helping-already = You're already helping with question #{ $id } — { $asker } has your name.
questions-sent-to = This was sent to { $who }, not to you; nothing was changed.
questions-taken-or-finished = Thank you! Question #{ $id } is already { $state ->
        [taken] taken by a colleague
       *[other] { $state }
    }. Nothing more to do.
questions-taken-just-now = Thank you! A colleague took question #{ $id } just now.
questions-accepted = Thank you! I've told { $asker }; please reach out to them about { $question }.
questions-settled = Thanks — { $state ->
        [taken] a colleague is already helping with question #{ $id }.
       *[other] question #{ $id } is already { $state }.
    } Nothing more to do.
questions-who-would-know = Who would know? Reply with `ask suggest { $id } @name` and I'll ask them for you.
questions-not-asked = You weren't asked about question #{ $id }.
questions-opted-out = { $name } has asked not to be sent questions.
questions-away = { $name } is away; could you suggest someone else?
questions-asked-already = Thanks — { $name } was already asked about this one.
questions-referred = Thanks! I've asked { $name } about question #{ $id }.

## Closing.

questions-for-the-asker = That button was for the person who asked.
questions-finished-already = Question #{ $id } is already { $status }.
questions-closed = Closed question #{ $id }.
questions-closed-hoping = Closed question #{ $id }. I hope you found what you needed.
questions-was-it-answered = Was question #{ $id } answered?
questions-was-it-answered-context = Someone else answered it? `ask close { $id } @name`.
questions-resolved = Marked question #{ $id } as resolved. Glad you found it!
questions-resolved-by = Marked question #{ $id } as resolved by { $name }. Thank you — this helps me route the next question on this topic.

## Listings.

questions-nothing-open = You have no open questions, and nobody is waiting for your help right now. Ask one with `ask YOUR QUESTION`.
questions-your-open = *Your open questions*
questions-no-taker = colleagues asked, no taker yet
questions-helping = { $helper } is helping
questions-open-line = • #{ $id } { $question } — { $state }
questions-waiting-heading = *Questions you were asked to help with*
questions-waiting-line = • #{ $id } { $question }
questions-nobody-knows = Nobody who agreed to be asked has shown expertise in { $topic } yet.
questions-know-it-yourself = Know it yourself? `expertise add SKILL` (or `expertise optin`).
questions-who-knows = *Who knows about { $topic }*
questions-ask-them = `ask YOUR QUESTION` asks them for you.

## Consent and channels.

questions-opted-in = Thanks! Colleagues' questions that match your expertise may now come to you, a few a week at most. `expertise optout` stops them at any time.
questions-default-in = Everyone can now be suggested as an expert unless they `expertise optout`.
questions-default-out = Members are now suggested only once they opt in (declaring expertise or `expertise optin`).
questions-admins-only = Only organisation admins can change the default.
questions-mode-refused = Only this channel's community facilitators (or organisation admins) can change how I treat questions here.
questions-mode-outside-channel = Run `ask mode` in the channel you want to change.
questions-opted-out-yourself = Done: I won't suggest you as an expert any more{ $withdrawn ->
        [0] {""}
       *[other] {" "}({ $withdrawn } waiting invitation(s) withdrawn)
    }. `expertise optin` turns it back on.
questions-mode-set = Questions in this channel: *{ $mode }*. { $mode ->
        [off] I'll leave questions here alone.
        [suggest] I'll offer askers a “Find an expert” button.
       *[auto] I'll route questions asked here to colleagues who know.
    }

## Sent to others: invitations, the asker's good news, notices and community posts.

questions-small-print = Only you can see this. Questions come a few a week at most; `expertise optout` stops them.
questions-invitation =
    { $asker } has a question you may be able to answer: { $question }
    Why you: { $reason }.
questions-facilitator-invitation =
    No one has taken this question from { $asker } for a working day: { $question }
    Asked so far: { $asked }. Could you help, or suggest someone?
questions-nobody-qualified = nobody qualified
questions-connected = Good news: { $helper } can help with your question #{ $id } { $question }. Reach out to them directly; when it's answered, tell me below.
questions-introduced = { $asker }, { $helper } can help with this question.
questions-taken-by = Thanks — { $helper } is helping with question #{ $id } { $question }, so there's nothing more to do.
questions-community-post = { $asker } asks: { $question } Can anyone help? Reply in a thread.
