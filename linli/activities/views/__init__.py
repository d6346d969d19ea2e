"""activities' pages: the console's (staff), the resident's phone pages, the door (roll and scanner)
and the community's public iCalendar feed."""
