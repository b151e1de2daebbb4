"""Reports of lots: visitors flag a lot, animators withdraw it or dismiss the report."""
