### A field of free text refused before it is stored (`text.clean_field`); the field's name
### comes from the caller's catalogue, in the same language.

field-empty = The { $label } can't be empty.
field-too-long = That { $label } is { $length } characters; the limit is { $limit }.
