### Coffee intros: the help summaries of the coffee command's forms.

## Help: the summary of each form of `coffee` (form-coffee-FORM; the command's own is
## command-coffee, in help.ftl).

form-coffee-status = where you stand, and the next round
form-coffee-join = take part in a community's intros
form-coffee-leave = stop taking part
form-coffee-snooze = no intros for a while (back automatically)
form-coffee-never = never be grouped with someone (private)
form-coffee-mine = your groups now, with their buttons again
form-coffee-history = your latest groups and how they went
form-coffee-setup = start a community's intros (facilitators)
form-coffee-settings = see or change them (facilitators)
form-coffee-pause = no rounds until resumed
form-coffee-resume = rounds again
form-coffee-preview = the next round's groups, privately, with re-roll (facilitators)
form-coffee-stats = participation, meeting and repeat rates, new connections (facilitators)
