"""The preview (`bdp serve`) and the incremental rebuild it uses."""
