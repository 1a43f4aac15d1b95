"""Checks of what was read: schemas, cross-record rules, contest, TERYT register, the rule catalogue."""
