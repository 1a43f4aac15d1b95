"""Page renderers: each turns records into the Markdown of one generated page."""
