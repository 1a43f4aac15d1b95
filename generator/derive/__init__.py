"""What is computed from checked records: the site model, indicator data, the jury's figures."""
