"""The dashboard: a static site of every suite's recorded runs, promotions and change points."""

from perfaction.dashboard.site import Site, SiteOptions, SuiteData, build_site

__all__ = ["Site", "SiteOptions", "SuiteData", "build_site"]
