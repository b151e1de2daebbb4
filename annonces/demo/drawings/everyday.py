"""Stage sets, bikes, medical aids, textiles, appliances, books and dishes."""

import math

from .palette import BLACK, GLASS, METAL, METAL_DARK, WHITE, WOOD, WOOD_DARK, Draw


def facade(d: Draw, accent: str) -> None:
    d.rectangle((200, 180, 600, 450), fill=accent, outline=BLACK, width=4)
    d.polygon([(180, 185), (400, 50), (620, 185)], fill="#8d3b2f", outline=BLACK)
    for x in (240, 480):
        d.rectangle((x, 230, x + 80, 310), fill=GLASS, outline=BLACK, width=3)
    d.rectangle((360, 330, 440, 450), fill=WOOD_DARK, outline=BLACK, width=3)
    d.line((600, 200, 720, 450), fill=WOOD, width=12)  # the brace that holds a stage set


def stage(d: Draw, accent: str) -> None:
    d.rectangle((80, 40, 720, 420), fill="#3d2b1f")
    d.pieslice((-60, 0, 260, 640), 270, 360, fill=accent)
    d.pieslice((540, 0, 860, 640), 180, 270, fill=accent)
    d.rectangle((80, 40, 720, 90), fill=accent)
    d.rectangle((40, 420, 760, 470), fill=WOOD, outline=WOOD_DARK, width=3)


def costume(d: Draw, accent: str) -> None:
    d.line((400, 40, 400, 70), fill=METAL_DARK, width=6)
    d.arc((380, 20, 420, 60), 180, 90, fill=METAL_DARK, width=6)
    d.line((280, 110, 400, 70, 520, 110), fill=METAL_DARK, width=6)
    d.polygon(
        [(320, 100), (480, 100), (470, 220), (600, 460), (200, 460), (330, 220)],
        fill=accent,
        outline=BLACK,
    )
    d.rectangle((330, 200, 470, 230), fill="#d4af37")


def spotlight(d: Draw, accent: str) -> None:
    d.polygon([(420, 150), (760, 20), (760, 480), (420, 350)], fill="#fff6b0")
    d.rounded_rectangle((170, 150, 430, 350), radius=30, fill=BLACK)
    d.ellipse((380, 170, 460, 330), fill=accent)
    d.arc((160, 100, 440, 420), 180, 360, fill=METAL_DARK, width=10)


def trunk(d: Draw, accent: str) -> None:
    d.rounded_rectangle((150, 200, 650, 440), radius=20, fill=accent, outline=BLACK, width=4)
    d.rectangle((150, 260, 650, 280), fill=WOOD_DARK)
    for x in (260, 520):
        d.rectangle((x, 200, x + 24, 440), fill=WOOD_DARK)
    d.ellipse((300, 60, 500, 120), fill=BLACK)  # a top hat on the trunk
    d.rectangle((340, 0, 460, 95), fill=BLACK)
    d.ellipse((340, 80, 460, 110), fill=accent)


def bike(d: Draw, accent: str) -> None:
    for cx in (220, 580):
        d.ellipse((cx - 120, 230, cx + 120, 470), outline=BLACK, width=10)
        d.ellipse((cx - 10, 340, cx + 10, 360), fill=BLACK)
    d.line((220, 350, 380, 350, 540, 200, 330, 200, 220, 350), fill=accent, width=12)
    d.line((380, 350, 310, 160), fill=accent, width=12)
    d.line((540, 200, 580, 350), fill=accent, width=12)
    d.line((520, 150, 545, 200), fill=BLACK, width=10)
    d.line((500, 150, 570, 140), fill=BLACK, width=10)
    d.rounded_rectangle((270, 145, 350, 170), radius=10, fill=BLACK)


def wheel(d: Draw, accent: str) -> None:
    d.ellipse((170, 40, 590, 460), outline=BLACK, width=22)
    d.ellipse((195, 65, 565, 435), outline=METAL, width=8)
    for angle in range(0, 360, 15):
        end = (380 + 180 * _cos(angle), 250 + 180 * _sin(angle))
        d.line((380, 250, *end), fill=METAL_DARK, width=2)
    d.ellipse((360, 230, 400, 270), fill=accent)
    d.ellipse((600, 320, 740, 460), fill=METAL, outline=BLACK, width=4)  # a chainring


def wheelchair(d: Draw, accent: str) -> None:
    d.ellipse((180, 200, 440, 460), outline=BLACK, width=14)
    d.ellipse((210, 230, 410, 430), outline=METAL, width=6)
    d.ellipse((520, 400, 580, 460), outline=BLACK, width=10)
    d.rectangle((300, 250, 560, 290), fill=accent)  # seat
    d.rectangle((300, 80, 330, 290), fill=accent)  # back
    d.line((560, 290, 620, 400), fill=METAL_DARK, width=10)
    d.line((250, 80, 330, 80), fill=BLACK, width=12)


def walker(d: Draw, accent: str) -> None:
    d.line((250, 120, 200, 440), fill=METAL_DARK, width=14)
    d.line((550, 120, 600, 440), fill=METAL_DARK, width=14)
    d.line((250, 120, 550, 120), fill=accent, width=22)
    d.rectangle((240, 270, 560, 300), fill=accent)
    for x in (200, 600):
        d.ellipse((x - 30, 420, x + 30, 480), fill=BLACK)


def bed(d: Draw, accent: str) -> None:
    d.rectangle((120, 230, 680, 290), fill=WHITE, outline=METAL_DARK, width=4)
    d.polygon([(120, 230), (300, 230), (180, 150)], fill=WHITE, outline=METAL_DARK)
    d.rectangle((100, 120, 130, 420), fill=accent)
    d.rectangle((670, 170, 700, 420), fill=accent)
    d.rectangle((300, 190, 600, 205), fill=METAL)  # side rail
    d.rectangle((130, 300, 670, 320), fill=METAL_DARK)
    for x in (150, 640):
        d.ellipse((x - 20, 420, x + 20, 460), fill=BLACK)


def clothes(d: Draw, accent: str) -> None:
    d.polygon(
        [
            (300, 60),
            (360, 40),
            (440, 40),
            (500, 60),
            (600, 140),
            (540, 200),
            (500, 170),
            (500, 420),
            (300, 420),
            (300, 170),
            (260, 200),
            (200, 140),
        ],
        fill=accent,
        outline=BLACK,
    )
    d.arc((360, 20, 440, 80), 0, 180, fill=BLACK, width=4)
    for i, colour in enumerate(("#5c6bc0", "#8d6e63", "#26a69a")):
        d.rectangle((560, 330 + i * 45, 740, 370 + i * 45), fill=colour, outline=BLACK)


def fabric(d: Draw, accent: str) -> None:
    for i, colour in enumerate((accent, "#c5b358", "#8e24aa", "#ef9a9a")):
        y = 380 - i * 95
        d.rectangle((160, y, 600, y + 80), fill=colour, outline=BLACK, width=2)
        d.ellipse((560, y, 640, y + 80), fill=colour, outline=BLACK, width=2)
        d.ellipse((590, y + 30, 610, y + 50), fill=BLACK)


def washer(d: Draw, accent: str) -> None:
    d.rounded_rectangle((240, 40, 560, 460), radius=16, fill=WHITE, outline=METAL_DARK, width=5)
    d.line((240, 120, 560, 120), fill=METAL_DARK, width=4)
    d.ellipse((300, 170, 500, 370), fill=METAL_DARK)
    d.ellipse((325, 195, 475, 345), fill=GLASS)
    d.ellipse((480, 65, 520, 105), fill=accent)
    d.rectangle((270, 75, 400, 95), fill=METAL)


def fridge(d: Draw, accent: str) -> None:
    d.rounded_rectangle((260, 30, 540, 470), radius=20, fill=WHITE, outline=METAL_DARK, width=5)
    d.line((260, 190, 540, 190), fill=METAL_DARK, width=5)
    d.rectangle((500, 80, 515, 160), fill=accent)
    d.rectangle((500, 220, 515, 330), fill=accent)


def computer(d: Draw, accent: str) -> None:
    d.rectangle((170, 40, 630, 330), fill=BLACK)
    d.rectangle((190, 60, 610, 310), fill=accent)
    d.rectangle((380, 330, 420, 390), fill=METAL_DARK)
    d.rectangle((300, 390, 500, 405), fill=METAL_DARK)
    d.rectangle((180, 420, 620, 470), fill=METAL, outline=BLACK, width=3)
    for x in range(195, 610, 30):
        d.rectangle((x, 430, x + 22, 460), fill=WHITE)


def books(d: Draw, accent: str) -> None:
    colours = (accent, "#b71c1c", "#1a237e", "#33691e", "#f9a825", "#4e342e")
    x = 130
    for i in range(14):
        width = 30 + (i * 17) % 25
        top = 120 + (i * 37) % 80
        d.rectangle((x, top, x + width, 420), fill=colours[i % 6], outline=BLACK, width=2)
        x += width + 4
    d.rectangle((100, 420, 700, 440), fill=WOOD_DARK)


def records(d: Draw, accent: str) -> None:
    d.rectangle((120, 90, 420, 390), fill=accent, outline=BLACK, width=3)
    d.ellipse((330, 90, 630, 390), fill=BLACK)
    for r in range(140, 60, -15):
        d.ellipse((480 - r, 240 - r, 480 + r, 240 + r), outline="#444444", width=2)
    d.ellipse((440, 200, 520, 280), fill="#e53935")


def dishes(d: Draw, accent: str) -> None:
    for i in range(5):
        y = 380 - i * 22
        d.ellipse((140, y, 460, y + 60), fill=WHITE, outline=METAL_DARK, width=3)
    d.ellipse((190, 270, 410, 310), outline=accent, width=5)
    d.rectangle((530, 250, 660, 410), fill=WHITE, outline=METAL_DARK, width=4)  # a cup
    d.arc((630, 280, 710, 370), 270, 90, fill=METAL_DARK, width=10)
    d.rectangle((530, 280, 660, 300), fill=accent)


def _cos(degrees: float) -> float:
    return math.cos(math.radians(degrees))


def _sin(degrees: float) -> float:
    return math.sin(math.radians(degrees))
