"""Template tags for the site's frame: the main menu."""

from django import template
from wagtail.models import Page, Site

register = template.Library()


@register.inclusion_tag("cms/includes/_menu_pages.html", takes_context=True)
def menu_pages(context):
    """The home page's children that editors chose to show in menus, the current one marked."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return {"items": []}
    current = context.get("page")
    current_path = current.path if isinstance(current, Page) else ""
    items = [
        (menu_page, current_path.startswith(menu_page.path))
        for menu_page in site.root_page.get_children().live().in_menu()
    ]
    return {"items": items, "request": request}


@register.simple_tag(takes_context=True)
def absolute_url(context, url: str) -> str:
    """The URL as the visitor reached the site (scheme and host of the request)."""
    request = context.get("request")
    return request.build_absolute_uri(url) if request else url
