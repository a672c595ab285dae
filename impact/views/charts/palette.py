"""Colours shared by every chart."""

# Okabe-Ito: distinguishable with the common colour-vision deficiencies. Charts add labels or patterns too.
OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
RAG_COLOURS = {"Red": "#D55E00", "Amber": "#E69F00", "Green": "#009E73", "Complete": "#0072B2"}
