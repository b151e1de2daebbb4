"""Building materials: wood, doors and windows, tiles, plumbing, electricity."""

from .palette import BLACK, GLASS, METAL, METAL_DARK, WHITE, WOOD, WOOD_DARK, WOOD_LIGHT, Draw


def planks(d: Draw, accent: str) -> None:
    for i in range(7):
        y, shift = 90 + i * 48, (i % 2) * 40
        d.rectangle((100 + shift, y, 660 + shift, y + 38), fill=WOOD, outline=WOOD_DARK, width=3)
        d.line((130 + shift, y + 19, 620 + shift, y + 15), fill=WOOD_LIGHT, width=3)


def beams(d: Draw, accent: str) -> None:
    for i, y in enumerate((300, 190, 80)):
        x = 120 + i * 30
        d.polygon([(x, y), (x + 500, y), (x + 560, y - 50), (x + 60, y - 50)], fill=WOOD_LIGHT)
        d.rectangle((x, y, x + 500, y + 100), fill=WOOD, outline=WOOD_DARK, width=4)
        d.polygon(
            [(x + 500, y), (x + 560, y - 50), (x + 560, y + 50), (x + 500, y + 100)], fill=WOOD_DARK
        )


def panels(d: Draw, accent: str) -> None:
    for i in range(5):
        y = 350 - i * 40
        d.polygon(
            [(120 + i * 8, y), (620 + i * 8, y), (700, y - 120), (200, y - 120)],
            fill=WOOD_LIGHT if i % 2 else WOOD,
            outline=WOOD_DARK,
        )


def door(d: Draw, accent: str) -> None:
    d.rectangle((280, 40, 520, 470), fill=WOOD_DARK)
    d.rectangle((295, 55, 505, 470), fill=accent, outline=BLACK, width=3)
    d.rectangle((325, 90, 475, 240), outline=BLACK, width=3)
    d.rectangle((325, 280, 475, 430), outline=BLACK, width=3)
    d.ellipse((470, 250, 490, 270), fill="#d4af37")


def window(d: Draw, accent: str) -> None:
    d.rectangle((230, 60, 570, 440), fill=WHITE, outline=accent, width=12)
    d.rectangle((255, 85, 545, 415), fill=GLASS)
    d.line((400, 85, 400, 415), fill=WHITE, width=14)
    d.line((255, 250, 545, 250), fill=WHITE, width=10)


def tiles(d: Draw, accent: str) -> None:
    for row in range(5):
        for col in range(8):
            x, y = 90 + col * 80, 50 + row * 80
            fill = accent if (row + col) % 2 else METAL
            d.rectangle((x, y, x + 74, y + 74), fill=fill, outline=WHITE, width=2)


def floor(d: Draw, accent: str) -> None:
    for row in range(9):
        y, shift = 40 + row * 46, (row * 130) % 260
        for x in range(-260 + shift, 800, 260):
            d.rectangle(
                (x, y, x + 256, y + 42),
                fill=WOOD if (x // 260) % 2 else WOOD_LIGHT,
                outline=WOOD_DARK,
                width=2,
            )


def sink(d: Draw, accent: str) -> None:
    d.chord((200, 120, 600, 380), 0, 180, fill=WHITE, outline=METAL_DARK, width=4)
    d.rectangle((190, 220, 610, 250), fill=WHITE, outline=METAL_DARK, width=4)
    d.rectangle((385, 150, 415, 222), fill=METAL)
    d.arc((385, 120, 470, 190), 180, 360, fill=METAL, width=14)
    d.rectangle((370, 380, 430, 470), fill=WHITE, outline=METAL_DARK, width=3)
    d.ellipse((360, 95, 440, 125), fill=accent)


def radiator(d: Draw, accent: str) -> None:
    for i in range(10):
        x = 150 + i * 52
        d.rounded_rectangle((x, 110, x + 44, 400), radius=18, fill=accent, outline=BLACK, width=2)
    d.rectangle((150, 130, 662, 150), fill=accent)
    d.rectangle((150, 360, 662, 380), fill=accent)


def cable(d: Draw, accent: str) -> None:
    d.ellipse((160, 80, 500, 420), fill=WOOD, outline=WOOD_DARK, width=6)
    for r in range(150, 60, -12):
        d.ellipse((330 - r, 250 - r, 330 + r, 250 + r), outline=accent, width=8)
    d.ellipse((300, 220, 360, 280), fill=WOOD_DARK)
    d.line((480, 250, 620, 300, 700, 260), fill=accent, width=10)
    d.rectangle((680, 230, 740, 290), fill=WHITE, outline=BLACK, width=3)


def lamp(d: Draw, accent: str) -> None:
    for x, y in ((120, 80), (440, 80), (120, 270), (440, 270)):
        d.rectangle((x, y, x + 240, y + 160), fill=WHITE, outline=METAL_DARK, width=8)
        d.rectangle((x + 20, y + 20, x + 220, y + 140), fill="#fff8c4")


def insulation(d: Draw, accent: str) -> None:
    for i, (x, y) in enumerate(((100, 260), (340, 260), (220, 80))):
        d.rectangle((x + 90, y, x + 330, y + 180), fill="#f2d16b", outline=WOOD_DARK, width=2)
        d.ellipse((x, y, x + 180, y + 180), fill="#f5dc8a", outline=WOOD_DARK, width=3)
        for r in range(80, 10, -18):
            d.arc(
                (x + 90 - r, y + 90 - r, x + 90 + r, y + 90 + r),
                0,
                300 + i * 10,
                fill=WOOD_DARK,
                width=3,
            )
