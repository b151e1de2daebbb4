"""Wagtail pages of the public site, one module per kind of page."""

from .base import BasePage
from .directory import DirectoryPage
from .ess import EssPage
from .events import EventIndexPage, EventPage
from .forms import FormField, FormPage
from .home import HomePage
from .news import NewsIndexPage, NewsPage, NewsPageTag

__all__ = [
    "BasePage",
    "DirectoryPage",
    "EssPage",
    "EventIndexPage",
    "EventPage",
    "FormField",
    "FormPage",
    "HomePage",
    "NewsIndexPage",
    "NewsPage",
    "NewsPageTag",
]
