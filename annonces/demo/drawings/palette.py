"""The colours every drawing shares, and the canvas type."""

from PIL import ImageDraw

WOOD, WOOD_DARK, WOOD_LIGHT = "#b07a45", "#7a4f28", "#d9a96b"
METAL, METAL_DARK = "#9ea7ad", "#5f686e"
WHITE, BLACK, GLASS = "#f7f7f2", "#2b2b2b", "#b9dcef"

Draw = ImageDraw.ImageDraw
