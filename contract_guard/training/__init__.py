"""Training and validating the decision layer: labelled sets in one shape, rows through the real engine, k-fold."""
