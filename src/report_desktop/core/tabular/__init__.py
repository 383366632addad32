"""Finding the official tables in any grid of cells (a worksheet or a Word table) by
their labels, tolerant of spacing, punctuation and the common label variants."""
