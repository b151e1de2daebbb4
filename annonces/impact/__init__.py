"""Impact: the weight diverted from waste and the CO₂e avoided, and their report."""
