"""Colours shared by every chart."""

# Okabe-Ito: distinguishable with the common colour-vision deficiencies. Charts add labels or patterns too.
OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
RAG_COLOURS = {"Red": "#D55E00", "Amber": "#E69F00", "Green": "#009E73", "Complete": "#0072B2"}
# Amber is 2.25:1 on white, so every bar is outlined in INK (charts/theme.py) rather than relying on its fill.
NO_UPDATE_COLOUR = "#767676"  # 4.5:1 on white, and black labels on it are 4.6:1
INK = "#1F1F1F"  # chart text: 16:1 on white
