"""Simple pictures of what a lot holds, drawn on an 800×500 canvas.

Flat shapes are enough to tell a door from a bike at a glance, and drawing them
takes milliseconds where downloading photos would need the network.
Each function draws with the material's own colours and one accent colour.
"""

import math

from PIL import ImageDraw

WOOD, WOOD_DARK, WOOD_LIGHT = "#b07a45", "#7a4f28", "#d9a96b"
METAL, METAL_DARK = "#9ea7ad", "#5f686e"
WHITE, BLACK, GLASS = "#f7f7f2", "#2b2b2b", "#b9dcef"

Draw = ImageDraw.ImageDraw


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


def office_chair(d: Draw, accent: str) -> None:
    d.rounded_rectangle((300, 40, 500, 240), radius=40, fill=accent, outline=BLACK, width=4)
    d.rounded_rectangle((270, 250, 530, 310), radius=25, fill=accent, outline=BLACK, width=4)
    d.rectangle((390, 310, 410, 400), fill=METAL_DARK)
    for x in (260, 330, 470, 540):
        d.line((400, 400, x, 440), fill=METAL_DARK, width=12)
        d.ellipse((x - 16, 432, x + 16, 464), fill=BLACK)


def desk(d: Draw, accent: str) -> None:
    d.rectangle((100, 170, 700, 200), fill=WHITE, outline=METAL_DARK, width=3)
    d.rectangle((120, 200, 140, 440), fill=METAL_DARK)
    d.rectangle((660, 200, 680, 440), fill=METAL_DARK)
    d.rectangle((470, 200, 640, 420), fill=accent, outline=BLACK, width=3)
    for y in (255, 325):
        d.line((470, y, 640, y), fill=BLACK, width=3)


def cabinet(d: Draw, accent: str) -> None:
    d.rectangle((250, 60, 550, 440), fill=accent, outline=BLACK, width=4)
    d.line((400, 60, 400, 440), fill=BLACK, width=4)
    for x in (375, 415):
        d.rectangle((x, 230, x + 10, 280), fill=METAL_DARK)
    d.rectangle((260, 440, 290, 470), fill=BLACK)
    d.rectangle((510, 440, 540, 470), fill=BLACK)


def table(d: Draw, accent: str) -> None:
    d.rectangle((120, 200, 540, 230), fill=WOOD, outline=WOOD_DARK, width=3)
    for x in (140, 500):
        d.rectangle((x, 230, x + 20, 440), fill=WOOD_DARK)
    d.rectangle((580, 100, 600, 440), fill=accent)  # chair back and legs
    d.rectangle((580, 280, 700, 300), fill=accent)
    d.rectangle((680, 300, 700, 440), fill=accent)


def sofa(d: Draw, accent: str) -> None:
    d.rounded_rectangle((140, 110, 660, 300), radius=30, fill=accent, outline=BLACK, width=3)
    d.rounded_rectangle((100, 220, 200, 400), radius=25, fill=accent, outline=BLACK, width=3)
    d.rounded_rectangle((600, 220, 700, 400), radius=25, fill=accent, outline=BLACK, width=3)
    d.rounded_rectangle((190, 270, 610, 380), radius=20, fill=accent, outline=BLACK, width=3)
    d.line((400, 270, 400, 380), fill=BLACK, width=3)


def garden(d: Draw, accent: str) -> None:
    d.pieslice((170, 40, 630, 260), 180, 360, fill=accent, outline=BLACK, width=3)
    d.rectangle((395, 150, 405, 440), fill=METAL_DARK)
    d.ellipse((260, 290, 540, 330), fill=METAL, outline=METAL_DARK, width=3)
    for x in (290, 500):
        d.line((x, 320, x - 10, 450), fill=METAL_DARK, width=6)


def shelf(d: Draw, accent: str) -> None:
    for x in (200, 600):
        d.rectangle((x, 40, x + 14, 470), fill=METAL_DARK)
    for i in range(5):
        y = 70 + i * 95
        d.rectangle((200, y, 614, y + 10), fill=METAL)
        d.rectangle((240 + i * 30, y - 50, 330 + i * 30, y), fill=accent, outline=BLACK)


def pallet(d: Draw, accent: str) -> None:
    for stack in range(3):
        top = 340 - stack * 110
        for i in range(6):
            d.rectangle(
                (150 + i * 85, top, 215 + i * 85, top + 24), fill=WOOD_LIGHT, outline=WOOD_DARK
            )
        for x in (150, 370, 590):
            d.rectangle((x, top + 24, x + 60, top + 80), fill=WOOD, outline=WOOD_DARK)


def toys(d: Draw, accent: str) -> None:
    colours = (accent, "#e53935", "#fdd835", "#43a047", "#1e88e5")
    for i, colour in enumerate(colours):
        x = 110 + i * 95
        d.rectangle((x, 330, x + 90, 420), fill=colour, outline=BLACK, width=3)
    d.rectangle((205, 240, 295, 330), fill=colours[3], outline=BLACK, width=3)
    d.ellipse((520, 120, 700, 300), fill=colours[1], outline=BLACK, width=3)
    d.arc((520, 120, 700, 300), 200, 340, fill=WHITE, width=10)


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


PICTURES = {
    f.__name__: f
    for f in (
        planks,
        beams,
        panels,
        door,
        window,
        tiles,
        floor,
        sink,
        radiator,
        cable,
        lamp,
        insulation,
        office_chair,
        desk,
        cabinet,
        table,
        sofa,
        garden,
        shelf,
        pallet,
        toys,
        facade,
        stage,
        costume,
        spotlight,
        trunk,
        bike,
        wheel,
        wheelchair,
        walker,
        bed,
        clothes,
        fabric,
        washer,
        fridge,
        computer,
        books,
        records,
        dishes,
    )
}
