"""Domain rules every figure passes through: periods, statistics, disclosure control, measures, themes."""
