"""The seven tabs (pages) of the dashboard, one module each; `TAB_BODIES` maps a tab to its body.

Not called `pages`: Streamlit would take a `pages/` folder next to the script for a multipage app."""
from __future__ import annotations

from typing import Callable

from analyzer.dashboard.tabs.activity import tab_activity
from analyzer.dashboard.tabs.data import tab_data
from analyzer.dashboard.tabs.network import tab_network
from analyzer.dashboard.tabs.overview import tab_overview
from analyzer.dashboard.tabs.participation import tab_participation
from analyzer.dashboard.tabs.responsiveness import tab_responsiveness
from analyzer.dashboard.tabs.sharing import tab_sharing
from analyzer.dashboard.widgets import View

TAB_BODIES: dict[str, Callable[[View], None]] = {
    "overview": tab_overview, "participation": tab_participation, "sharing": tab_sharing,
    "network": tab_network, "responsiveness": tab_responsiveness, "activity": tab_activity, "data": tab_data,
}
