### Coffee intros: what rounds queue (the "in this time?" question, intros, follow-ups, and
### notes to members and facilitators), each in its reader's language.

coffee-schedule-body = coffee round
coffee-your-community = your community
coffee-a-community = a community
coffee-ask = ☕ { $name } coffee round on { $when }: are you in this time?
coffee-button-in = I'm in
coffee-button-out = Not this time
coffee-unmatched = ☕ I couldn't find you a coffee group this round: { $reason }. You're in the next one as usual.
coffee-autosnoozed = ☕ I haven't heard back after your last three coffee intros in { $name }, so I've paused yours — no hard feelings. Whenever you'd like them again, press the button or type `coffee join`.
coffee-button-rejoin = Count me in again
coffee-too-few = only { $count } { $count ->
        [1] person
       *[other] people
    } taking part
coffee-skipped = ☕ The { $name } coffee round of { $when } was skipped: { $why }.
coffee-missed = ☕ The { $name } coffee round of { $when } was missed: Guildbot was offline past the time it could still be useful. The next round is on schedule.

## The intro, in the group's conversation.

coffee-intro-title = ☕ *Coffee intro* — { $name }. Meet each other:
coffee-intro-person = • { $who } · { $city }
coffee-intro-person-role = • { $who } — { $role } · { $city }
coffee-intro-shared = You have in common: { $skills }.
coffee-intro-knows = { $name } knows { $skills }
coffee-intro-swap = Plenty to swap: { $offers }.
coffee-intro-why = Why this group: { $reason }.
coffee-intro-skill-opener = What's the most useful thing you've learned about { $skill } lately?
coffee-intro-start = To start: { $opener }
coffee-intro-proposer = { $who }, you're proposing a time this round: suggest two slots that suit everyone.
coffee-starter = { $number ->
        [0] What's something at work you're quietly proud of this year?
        [1] What does a good week look like in your team?
        [2] Which tool or habit saves you the most time?
        [3] What's a problem your department solves that others might not know about?
        [4] What would you change first if you ran the organisation for a day?
        [5] What's the best thing you've read or watched lately, for work or not?
        [6] What did you do before your current role?
       *[7] Who outside your team has helped you most, and how?
    }

## The follow-up, near the end of the round.

coffee-follow-up = ☕ How did your { $name } coffee go? Each of you can answer — it helps me make better groups.
