"""Furniture, pallets and toys."""

from .palette import BLACK, METAL, METAL_DARK, WHITE, WOOD, WOOD_DARK, WOOD_LIGHT, Draw


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
