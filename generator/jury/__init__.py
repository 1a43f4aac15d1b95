"""The contest jury's private review site: derivations, pages and `bdp build --profile jury`."""
