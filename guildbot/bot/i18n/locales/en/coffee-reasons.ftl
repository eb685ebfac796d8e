### Coffee: why a group was formed (the parts the pairing solver gives, joined by "; "),
### and why someone could not be placed. The English is the solver's own words.

coffee-reason-separator = { "; " }
coffee-reason-two-departments = { $first } × { $second }
coffee-reason-one-department = both in { $department }
coffee-reason-departments = { $count } departments: { $names }
coffee-reason-never-met = { $size ->
    [2] never met
   *[other] none have met
}
coffee-reason-met = { $size ->
    [2] met
   *[other] two of them met
} { $rounds ->
    [1] in the last round
   *[other] { $rounds } rounds ago
}
coffee-reason-same-hours = same working hours
coffee-reason-some-hours = { $hours } h of working day in common
coffee-reason-no-hours = no working hours in common
coffee-reason-shared-skills = { $size ->
    [2] both know
   *[other] shared
} { $names }
coffee-reason-complementary = complementary: { $names }
coffee-reason-folded = a group of { $size } so nobody is left out
coffee-alone-nobody-else = no one else is taking part this round
coffee-alone-all-never-pairs = everyone else taking part this round is on a never-pair list
coffee-alone-nobody-left = no one else could be paired with them
coffee-alone-never-pair = no group could take them without breaking a never-pair
