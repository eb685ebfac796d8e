### Finding what a person meant: time zones (members, communities and departments to come).

timezone-missing = Please give an IANA time zone, like America/Toronto or Europe/Paris.
timezone-not-a-place = { $typed } names an offset or an abbreviation, not a place, so its daylight saving may not be your city's and times would be off by an hour part of the year. Use your city's zone instead, for example { $zones }.
timezone-unknown = { $typed } isn't a time zone I know. Use an IANA name such as America/Toronto or Europe/Paris.
timezone-unknown-suggest = { $typed } isn't a time zone I know. Did you mean { $suggestion }? Use an IANA name such as America/Toronto or Europe/Paris.
