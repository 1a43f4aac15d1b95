"""Baza Dobrych Praktyk: load, validate and render the good-practice database."""
