"""Simple pictures of what a lot holds, drawn on an 800×500 canvas.

Flat shapes are enough to tell a door from a bike at a glance, and drawing them
takes milliseconds where downloading photos would need the network.
Each function draws with the material's own colours and one accent colour.
"""

from inspect import getmembers, isfunction

from . import building, everyday, furniture

# Every public function a drawing module defines is a picture, named after the function.
PICTURES = {
    name: function
    for module in (building, furniture, everyday)
    for name, function in getmembers(module, isfunction)
    if function.__module__ == module.__name__ and not name.startswith("_")
}
