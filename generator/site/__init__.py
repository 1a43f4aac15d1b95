"""Writing the site: the docs tree on disk, the MkDocs seam and the atomic swap of the output."""
